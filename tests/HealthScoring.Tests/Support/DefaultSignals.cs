namespace HealthScoring.Tests.Support;

/// <summary>Signal values for the default model, one "latest" bucket each on <see cref="Histories.AsOf"/>.</summary>
internal static class DefaultSignals
{
    public static readonly string[] Names =
    [
        "logins", "active_users_pct", "feature_adoption_pct", "nps", "csat", "ces", "csm_pulse", "tickets_opened",
        "ticket_severity_max", "resolution_hours", "escalations", "onboarding_progress_pct", "milestones_completed_pct",
        "payment_failures", "seat_utilization_pct",
    ];

    /// <summary>Adoption 80, Sentiment 60, Support 90, Outcomes 70 (no tickets, so severity reads 0).</summary>
    public static (string, double)[] Example =>
    [
        ("logins", 160), ("active_users_pct", 80), ("feature_adoption_pct", 64),
        ("nps", 6), ("csat", 3.4), ("ces", 3.4), ("csm_pulse", 6),
        ("resolution_hours", 4), ("escalations", 1),
        ("onboarding_progress_pct", 100), ("milestones_completed_pct", 50),
    ];
}
