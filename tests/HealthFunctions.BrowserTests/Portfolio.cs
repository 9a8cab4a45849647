using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace HealthFunctions.BrowserTests;

/// <summary>
/// A small deterministic portfolio for the browser tests: 12 accounts with 15 days of signals, rescored day by day, so
/// there are tier drops (declining accounts turn Red three days ago), playbook tasks, renewals within 30 days, and every
/// tier; and 40 pilot accounts with a steady health each, signals 110 to 70 days ago and renewal outcomes 40 to 11 days
/// ago (the low ones churned), on which a backtest and a calibration have run, so the Model page has a backtest (its
/// 120-day column empty, and saying why) and a stored proposal.
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
        "declining" => d < Days - 4 ? 0.95 : 0.2,
        "steady" => 0.72,
        "thriving" => 0.95,
        _ => 0.3,
    };

    /// <summary>Pilot accounts for the backtest and the calibration.</summary>
    public const int Pilots = 40;

    private static string Pilot(int i) => $"pilot-{i:D2}";

    private static double PilotHealth(int i) => (i + 0.5) / Pilots;

    private static readonly string[] PilotOwners = ["kim", "rio", "sam", "lee"];

    public static async Task SeedAsync(HttpClient api, DateTimeOffset now, Func<Task> runJobs)
    {
        var today = now.UtcDateTime.Date;
        for (var i = 0; i < Pilots; i++)
        {
            var response = await api.PutAsJsonAsync($"accounts/{Pilot(i)}", new
            {
                name = $"Pilot {i + 1:D2}", segment = new[] { "SMB", "MidMarket", "Enterprise" }[i % 3], lifecycleStage = "mature", arr = 20_000 + (i * 1_500),
                owner = PilotOwners[i % PilotOwners.Length], renewalDate = today.AddDays(40 + (i * 9 % 300)).ToString("yyyy-MM-dd"),
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
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
        for (var i = 0; i < Pilots; i++)
        {
            var h = PilotHealth(i);
            var id = Pilot(i);
            void Add(string metric, double value, DateTimeOffset at, string key) => signals.Add(new { accountId = id, metric, value = Math.Round(value, 1), timestamp = at, eventId = $"{id}-{metric}-{key}" });
            for (var step = 0; step <= 4; step++)
            {
                var at = new DateTimeOffset(today.AddDays(-110 + (10 * step)).AddHours(2));
                Add("logins", 200 * h, at, $"p{step}");
                Add("active_users_pct", 100 * h, at, $"p{step}");
                Add("feature_adoption_pct", 80 * h, at, $"p{step}");
                Add("nps", 10 * h, at, $"p{step}");
                Add("csat", 1 + (4 * h), at, $"p{step}");
            }

            for (var d = 0; d < Days; d++)
            {
                var at = new DateTimeOffset(today.AddDays(d - (Days - 1)).AddHours(3));
                Add("logins", Math.Round(9 * h), at, $"d{d}");
                Add("active_users_pct", 100 * h, at, $"d{d}");
                Add("feature_adoption_pct", 80 * h, at, $"d{d}");
                Add("milestones_completed_pct", 100 * h, at, $"d{d}");
                Add("onboarding_progress_pct", Math.Min(100, 120 * h), at, $"d{d}");
                Add("nps", Math.Round(10 * h), at, $"d{d}");
            }
        }

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

        // Renewal outcomes of the pilots, 40 to 11 days ago: the low ones churned. Then a backtest of the active model (the
        // 120-day column has no score that far back) and a calibration, which stores a proposal.
        var outcomes = Enumerable.Range(0, Pilots).Select(i => new
        {
            accountId = Pilot(i), date = today.AddDays(-40 + (i * 7 % 30)).ToString("yyyy-MM-dd"),
            outcome = PilotHealth(i) < 0.35 || i == 30 ? "churned" : "renewed", arrBefore = 20_000 + (i * 1_500),
        }).ToArray();
        var outcomesPosted = await api.PostAsJsonAsync("outcomes", new { outcomes });
        Assert.True(outcomesPosted.IsSuccessStatusCode, await outcomesPosted.Content.ReadAsStringAsync());
        await JobAsync(api, runJobs, "backtest?leadDays=60,120");
        await JobAsync(api, runJobs, "models/calibrate?leadDays=60");

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

    private static async Task JobAsync(HttpClient api, Func<Task> runJobs, string path)
    {
        var started = await api.PostAsync(path, null);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var url = started.Headers.Location!.OriginalString.Replace("/api/", "", StringComparison.Ordinal);
        await runJobs(); // RunJobs runs the queued job to its end
        var job = await api.GetFromJsonAsync<JsonElement>(url);
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
    }
}
