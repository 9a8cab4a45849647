namespace HealthScoring;

/// <summary>The classified change between an account's previous and current result.</summary>
/// <param name="Kind">The primary kind (precedence: TierDrop, SharpDecline, Recovered, TierRise, Unchanged; None when nothing to compare).</param>
/// <param name="Applies">Every kind that applies, in precedence order (contains <paramref name="Kind"/> first).</param>
/// <param name="PreviousScore">Previous score.</param>
/// <param name="PreviousTier">Previous tier.</param>
/// <param name="CurrentScore">Current score.</param>
/// <param name="CurrentTier">Current tier.</param>
/// <param name="Delta">Current minus previous score (1 decimal), when both exist.</param>
/// <param name="TrendBaseline">The point the trend arrow compares with (latest at least TrendComparisonDays old).</param>
/// <param name="TrendDelta">Current score minus the baseline's (1 decimal).</param>
/// <param name="Drivers">Metrics whose contribution moved most, by absolute movement then name.</param>
/// <param name="Cause">What alone moved it (<see cref="TransitionCause.Signals"/> unless something else explains it).</param>
/// <param name="Dwell">For <see cref="TransitionKind.TierDwell"/>: the playbook, since when and how long the account has been in its tier.</param>
public sealed record Transition(
    TransitionKind Kind,
    IReadOnlyList<TransitionKind> Applies,
    double? PreviousScore,
    HealthTier? PreviousTier,
    double? CurrentScore,
    HealthTier? CurrentTier,
    double? Delta,
    ScorePoint? TrendBaseline,
    double? TrendDelta,
    IReadOnlyList<Driver> Drivers,
    TransitionCause Cause = TransitionCause.Signals,
    DwellChange? Dwell = null)
{
    /// <summary>The wire name of <see cref="Kind"/>, e.g. "tier-drop".</summary>
    public string WireName => Kind.ToWireName();

    /// <summary>
    /// The transition's identity, e.g. "tier-drop:Green:Red:signals" (kind, previous tier, current tier, cause; "-" for no
    /// tier), or for a dwell "tier-dwell:Red:2026-11-20:red-recovery" (tier, the day the dwell started, playbook). Two
    /// changes of one account on one day are one message exactly when their keys are equal.
    /// </summary>
    public string Key => Dwell is { } d
        ? $"{WireName}:{Tier(CurrentTier)}:{d.Since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}:{d.Playbook}"
        : $"{WireName}:{Tier(PreviousTier)}:{Tier(CurrentTier)}:{Cause.ToWireName()}";

    private static string Tier(HealthTier? tier) => tier?.ToString() ?? "-";
}

/// <summary>An account that has stayed in its tier for a playbook's dwell.</summary>
/// <param name="Playbook">The playbook whose dwell trigger it reached.</param>
/// <param name="Since">The day the dwell started: the day the account entered the tier, or a later day when a CSM closed that playbook's task.</param>
/// <param name="Days">Days in the tier since then.</param>
public sealed record DwellChange(string Playbook, DateOnly Since, int Days);
