using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace HealthFunctions.Tests.EndToEnd;

/// <summary>Signal sets for the default model that land an account in Green or pull it down to Red.</summary>
public static class Signals
{
    /// <summary>An Enterprise account's healthy values (about 98 with the default model).</summary>
    public static readonly (string Metric, double Value)[] Healthy =
    [
        ("logins", 200), ("active_users_pct", 95), ("feature_adoption_pct", 80), ("nps", 9), ("csat", 5), ("ces", 1), ("csm_pulse", 9),
        ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100),
    ];

    /// <summary>After <see cref="Healthy"/>: adoption and the CSM's rating slip, and the account is Yellow (about 74).</summary>
    public static readonly (string Metric, double Value)[] Slipping = [("active_users_pct", 10), ("feature_adoption_pct", 8), ("csm_pulse", 2)];

    /// <summary>Signals of one account at one time, each with an event id of its own (<paramref name="tag"/> tells posts apart).</summary>
    public static object[] Of(string accountId, (string Metric, double Value)[] values, DateTimeOffset at, string tag) =>
        [.. values.Select(s => (object)new { accountId, metric = s.Metric, value = s.Value, timestamp = at, eventId = $"{accountId}-{tag}-{s.Metric}" })];

    public static object[] Green(string accountId, DateTimeOffset at) =>
    [
        S(accountId, "logins", 200, at, "g1"), S(accountId, "active_users_pct", 95, at, "g2"), S(accountId, "feature_adoption_pct", 80, at, "g3"),
        S(accountId, "nps", 10, at, "g4"), S(accountId, "csat", 5, at, "g5"), S(accountId, "ces", 1, at, "g6"), S(accountId, "csm_pulse", 10, at, "g7"),
        S(accountId, "resolution_hours", 4, at, "g8"), S(accountId, "onboarding_progress_pct", 100, at, "g9"), S(accountId, "milestones_completed_pct", 100, at, "g10"),
    ];

    public static object[] Red(string accountId, DateTimeOffset at)
    {
        var list = new List<object>
        {
            S(accountId, "active_users_pct", 5, at, "r1"), S(accountId, "feature_adoption_pct", 0, at, "r2"), S(accountId, "csm_pulse", 1, at, "r3"),
            S(accountId, "tickets_opened", 20, at, "r4"), S(accountId, "ticket_severity_max", 4, at, "r5"), S(accountId, "escalations", 5, at, "r6"),
            S(accountId, "onboarding_progress_pct", 0, at, "r7"), S(accountId, "milestones_completed_pct", 0, at, "r8"),
        };
        for (var i = 0; i < 5; i++)
        {
            var t = at.AddMinutes(i + 1);
            list.Add(S(accountId, "nps", 0, t, $"rn{i}"));
            list.Add(S(accountId, "csat", 1, t, $"rc{i}"));
            list.Add(S(accountId, "ces", 7, t, $"re{i}"));
            list.Add(S(accountId, "resolution_hours", 72, t, $"rh{i}"));
        }

        return [.. list];
    }

    /// <summary>Posts signals and asserts they were accepted.</summary>
    public static async Task PostAsync(HttpClient http, object[] signals) =>
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/signals", new { signals })).StatusCode);

    private static object S(string accountId, string metric, double value, DateTimeOffset at, string eventId) =>
        new { accountId, metric, value, timestamp = at, eventId = $"{accountId}-{eventId}" };
}
