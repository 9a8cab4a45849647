using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Scoring;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Calibration;

/// <summary>
/// Outcomes to backtest to calibration to activation, through the real app on Azurite: 40 accounts whose adoption
/// and sentiment follow a hidden health value, scored every 10 days; accounts with low health churn.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CalibrationPipelineTests(AzuriteFixture azurite)
{
    private const int Accounts = 40;
    private static readonly DateTimeOffset Day0 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Outcomes_Backtest_Calibrate_Activate_WithAPlantedRelationship()
    {
        await using var app = new PipelineApp(azurite, Day0);
        using var http = app.CreateClient();
        for (var step = 0; step <= 4; step++)
        {
            var at = Day0.AddDays(10 * step);
            app.Clock.Set(at);
            var post = await http.PostAsJsonAsync("/api/signals", new { signals = Enumerable.Range(0, Accounts).SelectMany(i => SignalsFor(i, at)).ToArray() });
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
            var rescore = await http.PostAsync("/api/ops/rescore", null);
            Assert.Equal(HttpStatusCode.OK, rescore.StatusCode);
        }

        app.Clock.Set(Day0.AddDays(110));
        var json = Enumerable.Range(0, Accounts / 2).Select(i => new { accountId = Id(i), date = OutcomeDate(i), outcome = Churns(i) ? "churned" : "renewed", arrBefore = 12000 }).ToArray();
        var posted = await http.PostAsJsonAsync("/api/outcomes", new { outcomes = json });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var csv = new StringBuilder("accountId,date,outcome,arrBefore,arrAfter\r\n");
        foreach (var i in Enumerable.Range(Accounts / 2, Accounts / 2))
        {
            csv.Append(CultureInfo.InvariantCulture, $"\"{Id(i)}\",{OutcomeDate(i)},{(Churns(i) ? "churned" : "expanded")},10000,\r\n");
        }

        csv.Append("ghost,2026-07-20,churned,,\r\n");
        var csvPost = await http.PostAsync("/api/outcomes", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, csvPost.StatusCode);
        // Re-posting is idempotent: still one outcome per account.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/outcomes", new { outcomes = json })).StatusCode);

        var backtest = await http.GetFromJsonAsync<JsonElement>("/api/backtest?leadDays=60");
        var lead = Assert.Single(backtest.GetProperty("leadTimes").EnumerateArray());
        Assert.Equal(Accounts + 1, lead.GetProperty("outcomes").GetInt32());
        Assert.Equal(Accounts, lead.GetProperty("included").GetInt32());
        Assert.Equal(1, lead.GetProperty("excludedNoHistory").GetInt32());
        Assert.True(lead.GetProperty("auc").GetDouble() > 0.85, lead.ToString());
        var features = lead.GetProperty("features").EnumerateArray().ToList();
        Assert.Contains(features, f => f.GetProperty("name").GetString() == "active_users_pct" && f.GetProperty("direction").GetString() == "agrees");

        var html = await http.GetAsync("/api/backtest/report?leadDays=60&calibrate=true");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("id=\"score-distribution\"", page, StringComparison.Ordinal);
        Assert.Contains("Calibration:", page, StringComparison.Ordinal);

        var calibrate = await http.PostAsync("/api/models/calibrate?leadDays=60", null);
        Assert.Equal(HttpStatusCode.Created, calibrate.StatusCode);
        var calibration = await calibrate.Content.ReadFromJsonAsync<JsonElement>();
        var proposed = calibration.GetProperty("proposedVersion").GetString()!;
        Assert.StartsWith("default-2026.11.2-cal-", proposed, StringComparison.Ordinal);
        Assert.True(calibration.GetProperty("proposed").GetProperty("outcomes").GetInt32() > 0);
        var healthBefore = await http.GetFromJsonAsync<JsonElement>("/api/healthz");
        Assert.NotEqual(proposed, healthBefore.GetProperty("modelVersion").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/models/activate", new { version = "nope-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/models/activate", new { model = proposed })).StatusCode);
        var activate = await http.PostAsJsonAsync("/api/models/activate", new { version = proposed });
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        var health = await http.GetFromJsonAsync<JsonElement>("/api/healthz");
        Assert.Equal(proposed, health.GetProperty("modelVersion").GetString());

        // An instance still on the old model picks up the stored one at the start of its next rescore.
        var provider = app.Services.GetRequiredService<ModelProvider>();
        provider.Use(provider.Baseline.Model, provider.Baseline.Json, null);
        var rescored = await (await http.PostAsync("/api/ops/rescore", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(proposed, rescored.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task Outcomes_WithBadItems_Answer400NamingEachLineAndField_AndStoreNothing()
    {
        await using var app = new PipelineApp(azurite, Day0);
        using var http = app.CreateClient();
        var csv = "accountId,date,outcome\nacme,2026-04-01,renewed\nbeta,2026-13-01,churned\n\"ga,ma\",2026-04-02,left\n";

        var response = await http.PostAsync("/api/outcomes", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["line 3.date", "line 4.outcome"], fields);
        var backtest = await http.GetFromJsonAsync<JsonElement>("/api/backtest");
        Assert.All(backtest.GetProperty("leadTimes").EnumerateArray(), l => Assert.Equal(0, l.GetProperty("outcomes").GetInt32()));
    }

    private static string Id(int i) => $"cal-{i:D2}";

    private static double Health(int i) => (i + 0.5) / Accounts;

    private static bool Churns(int i) => Health(i) < 0.35 || i == 30;

    private static string OutcomeDate(int i) => Day0.AddDays(70 + (i * 7 % 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<object> SignalsFor(int i, DateTimeOffset at)
    {
        var h = Health(i);
        return
        [
            new { accountId = Id(i), metric = "logins", value = Math.Round(200 * h), timestamp = at },
            new { accountId = Id(i), metric = "active_users_pct", value = Math.Round(100 * h, 1), timestamp = at },
            new { accountId = Id(i), metric = "feature_adoption_pct", value = Math.Round(80 * h, 1), timestamp = at },
            new { accountId = Id(i), metric = "nps", value = Math.Round(10 * h, 1), timestamp = at },
            new { accountId = Id(i), metric = "csat", value = Math.Round(1 + (4 * h), 2), timestamp = at },
        ];
    }
}
