using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace HealthFunctions.BrowserTests;

/// <summary>
/// A small deterministic portfolio for the browser tests: 12 accounts with 15 days of signals, rescored day by day, so
/// there are tier drops (declining accounts turn Red three days ago), playbook tasks, renewals within 30 days, and every tier.
/// </summary>
internal static class Portfolio
{
    public const int Days = 15;

    private static readonly (string Id, string Name, string Persona, string Segment, string Owner, double Arr, int RenewsIn)[] Accounts =
    [
        ("acme", "Acme Corp", "declining", "Enterprise", "dana", 240_000, 25),
        ("globex", "Globex", "declining", "MidMarket", "lee", 96_000, 50),
        ("initech", "Initech", "declining", "SMB", "dana", 18_000, 80),
        ("umbrella", "Umbrella", "steady", "Enterprise", "sam", 180_000, 20),
        ("hooli", "Hooli", "steady", "MidMarket", "lee", 64_000, 28),
        ("vandelay", "Vandelay Industries", "steady", "SMB", "rio", 12_000, 120),
        ("stark", "Stark Industries", "thriving", "Enterprise", "sam", 320_000, 200),
        ("wayne", "Wayne Enterprises", "thriving", "Enterprise", "kim", 275_000, 45),
        ("wonka", "Wonka", "thriving", "MidMarket", "rio", 58_000, 75),
        ("tyrell", "Tyrell", "thriving", "SMB", "kim", 15_000, 300),
        ("cyberdyne", "Cyberdyne", "struggling", "MidMarket", "dana", 72_000, 15),
        ("soylent", "Soylent", "struggling", "SMB", "rio", 9_000, 150),
    ];

    // Health level 0-1 on day d (0 = Days-1 days ago, Days-1 = today).
    private static double Level(string persona, int d) => persona switch
    {
        "declining" => d < Days - 3 ? 0.95 : 0.2,
        "steady" => 0.72,
        "thriving" => 0.95,
        _ => 0.3,
    };

    public static async Task SeedAsync(HttpClient api, DateTimeOffset now)
    {
        var today = now.UtcDateTime.Date;
        foreach (var a in Accounts)
        {
            var response = await api.PutAsJsonAsync($"accounts/{a.Id}", new
            {
                name = a.Name, segment = a.Segment, lifecycleStage = "mature", arr = a.Arr, owner = a.Owner,
                renewalDate = today.AddDays(a.RenewsIn).ToString("yyyy-MM-dd"),
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var signals = new List<object>();
        foreach (var a in Accounts)
        {
            for (var d = 0; d < Days; d++)
            {
                var h = Level(a.Persona, d);
                var at = new DateTimeOffset(today.AddDays(d - (Days - 1)).AddHours(1));
                void Add(string metric, double value) => signals.Add(new { accountId = a.Id, metric, value = Math.Round(value, 1), timestamp = at, eventId = $"{a.Id}-{metric}-{d}" });
                Add("logins", Math.Round(9 * h));
                Add("active_users_pct", 100 * h);
                Add("feature_adoption_pct", 80 * h);
                Add("milestones_completed_pct", 100 * h);
                Add("onboarding_progress_pct", Math.Min(100, 120 * h));
                Add("nps", Math.Round(10 * h));
                Add("csat", 1 + (4 * h));
                Add("csm_pulse", Math.Round(10 * h));
                if (h < 0.5)
                {
                    Add("tickets_opened", 3);
                    Add("ticket_severity_max", 4);
                    Add("resolution_hours", 60);
                }
            }
        }

        foreach (var batch in signals.Chunk(1000))
        {
            var posted = await api.PostAsJsonAsync("signals", new { signals = batch });
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }

        for (var d = 0; d < Days; d++)
        {
            var day = today.AddDays(d - (Days - 1)).ToString("yyyy-MM-dd");
            var rescored = await api.PostAsync($"ops/rescore?asOf={day}", null);
            Assert.True(rescored.IsSuccessStatusCode, await rescored.Content.ReadAsStringAsync());
        }

        // Drain the playbooks subscription until empty, so every task exists before a test looks.
        while (true)
        {
            var run = await (await api.PostAsync("ops/dispatch", null)).Content.ReadFromJsonAsync<JsonElement>();
            if (run.GetProperty("received").GetInt32() == 0)
            {
                break;
            }
        }
    }
}
