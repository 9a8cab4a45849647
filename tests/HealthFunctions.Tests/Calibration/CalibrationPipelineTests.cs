using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Scoring;
using HealthFunctions.Calibration.Jobs;
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
    public async Task Outcomes_Backtest_Calibrate_Activate_AsJobs_FromSignalsAlone()
    {
        await using var app = new PipelineApp(azurite, Day0);
        using var http = app.CreateClient();
        // Signals only: no rescore ever runs, so there is no recorded score history; every score is computed as of its cut-off.
        for (var step = 0; step <= 4; step++)
        {
            var at = Day0.AddDays(10 * step);
            app.Clock.Set(at);
            var post = await http.PostAsJsonAsync("/api/signals", new { signals = Enumerable.Range(0, Accounts).SelectMany(i => SignalsFor(i, at)).ToArray() });
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        }

        app.Clock.Set(Day0.AddDays(110));
        await PostOutcomesAsync(http);

        // A backtest is a job: 202 with its URL, run by the RunJobs timer, then read from the job.
        var backtest = await RunJobAsync(app, http, await http.PostAsync("/api/backtest?leadDays=60", null));
        Assert.Equal("succeeded", backtest.GetProperty("status").GetString());
        var lead = Assert.Single(backtest.GetProperty("result").GetProperty("backtest").GetProperty("leadTimes").EnumerateArray());
        Assert.Equal(Accounts + 1, lead.GetProperty("outcomes").GetInt32());
        Assert.Equal(Accounts, lead.GetProperty("included").GetInt32());
        Assert.Equal(1, lead.GetProperty("excludedNoScore").GetInt32()); // "ghost" has no signals
        Assert.True(lead.GetProperty("auc").GetDouble() > 0.85, lead.ToString());
        var features = lead.GetProperty("features").EnumerateArray().ToList();
        Assert.Contains(features, f => f.GetProperty("name").GetString() == "active_users_pct" && f.GetProperty("direction").GetString() == "agrees");
        var latest = await http.GetFromJsonAsync<JsonElement>("/api/backtest");
        Assert.Equal(lead.GetProperty("auc").GetDouble(), latest.GetProperty("leadTimes")[0].GetProperty("auc").GetDouble());

        var html = await http.GetAsync("/api/backtest/report");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"score-distribution\"", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A calibration is a job too: it stores a proposal, which GET /api/models lists and GET /api/models/{version} returns.
        var calibration = await RunJobAsync(app, http, await http.PostAsync("/api/models/calibrate?leadDays=60", null));
        Assert.Equal("succeeded", calibration.GetProperty("status").GetString());
        var proposed = calibration.GetProperty("proposedVersion").GetString()!;
        Assert.StartsWith("default-2026.11.2-cal-", proposed, StringComparison.Ordinal);
        var result = calibration.GetProperty("result").GetProperty("calibration");
        Assert.Equal(proposed, result.GetProperty("proposedVersion").GetString());
        Assert.True(result.GetProperty("proposed").GetProperty("outcomes").GetInt32() > 0);
        Assert.Contains("Calibration:", await (await http.GetAsync(calibration.GetProperty("reportUrl").GetString())).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await http.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal("default-2026.11.2", list.GetProperty("active").GetProperty("version").GetString());
        Assert.Equal("baseline", list.GetProperty("active").GetProperty("source").GetString());
        var listed = Assert.Single(list.GetProperty("proposed").EnumerateArray());
        Assert.Equal(proposed, listed.GetProperty("version").GetString());
        Assert.Equal(calibration.GetProperty("id").GetString(), listed.GetProperty("job").GetString());
        Assert.Equal(result.GetProperty("proposed").GetProperty("auc").GetDouble(), listed.GetProperty("testAuc").GetDouble());
        var document = await http.GetStringAsync(listed.GetProperty("url").GetString());
        Assert.Equal(proposed, HealthScoring.HealthModelLoader.Load(document).Version);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/models/nope-1")).StatusCode);

        // What the proposal changes, in plain words against the active model (the Model page shows it).
        var changes = await http.GetFromJsonAsync<JsonElement>($"/api/models/{Uri.EscapeDataString(proposed)}/changes");
        Assert.Equal(proposed, changes.GetProperty("version").GetString());
        var texts = changes.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.DoesNotContain("`", t, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("of the score", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/models/nope-1/changes")).StatusCode);

        // The proposal, stored but not active, is backtested by its version on the calibration's later outcomes: the
        // same figures as the calibration's side-by-side.
        var firstTest = result.GetProperty("firstTestDate").GetString();
        var ofProposal = await RunJobAsync(app, http, await http.PostAsync($"/api/backtest?leadDays=60&model={proposed}&from={firstTest}", null));
        var proposalLead = ofProposal.GetProperty("result").GetProperty("backtest").GetProperty("leadTimes")[0];
        Assert.Equal(proposed, ofProposal.GetProperty("result").GetProperty("backtest").GetProperty("modelVersion").GetString());
        Assert.Equal(result.GetProperty("proposed").GetProperty("auc").GetDouble(), proposalLead.GetProperty("auc").GetDouble());
        Assert.Equal(result.GetProperty("testOutcomes").GetInt32(), proposalLead.GetProperty("outcomes").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/models/activate", new { version = "nope-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/models/activate", new { model = proposed })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/models/activate", new { version = proposed })).StatusCode);
        Assert.Equal(proposed, (await http.GetFromJsonAsync<JsonElement>("/api/healthz")).GetProperty("modelVersion").GetString());
        var activeNow = await http.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal(proposed, activeNow.GetProperty("active").GetProperty("version").GetString());
        Assert.Equal("activated", activeNow.GetProperty("active").GetProperty("source").GetString());

        // The activated model is backtested at once from the same signals (no rescore, no back-fill).
        var after = await RunJobAsync(app, http, await http.PostAsync("/api/backtest?leadDays=60", null));
        var afterLead = after.GetProperty("result").GetProperty("backtest");
        Assert.Equal(proposed, afterLead.GetProperty("modelVersion").GetString());
        Assert.Equal(Accounts, afterLead.GetProperty("leadTimes")[0].GetProperty("included").GetInt32());

        // An instance still on the old model picks up the stored one at the start of its next rescore.
        var provider = app.Services.GetRequiredService<ModelProvider>();
        provider.Use(provider.Baseline.Model, provider.Baseline.Json, null);
        var rescored = await (await http.PostAsync("/api/ops/rescore", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(proposed, rescored.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task Backtest_OfADraftOrAStoredModel_AndBadRequests_QueueNothing()
    {
        await using var app = new PipelineApp(azurite, Day0);
        using var http = app.CreateClient();
        app.Clock.Set(Day0.AddDays(20));
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/signals", new { signals = Enumerable.Range(0, Accounts).SelectMany(i => SignalsFor(i, Day0.AddDays(20))).ToArray() })).StatusCode);
        app.Clock.Set(Day0.AddDays(110));
        await PostOutcomesAsync(http);

        // A draft: the default model under a version of its own.
        var draft = HealthScoring.DefaultModels.DefaultJson.Replace("\"default-2026.11.2\"", "\"draft-adoption-1\"", StringComparison.Ordinal);
        var posted = await http.PostAsync("/api/backtest?leadDays=60,90", new StringContent(draft, Encoding.UTF8, "application/json"));
        var job = await RunJobAsync(app, http, posted);
        Assert.Equal("draft", job.GetProperty("model").GetString());
        Assert.Equal("draft-adoption-1", job.GetProperty("result").GetProperty("backtest").GetProperty("modelVersion").GetString());
        Assert.Equal(2, job.GetProperty("result").GetProperty("backtest").GetProperty("leadTimes").GetArrayLength());

        var stored = await RunJobAsync(app, http, await http.PostAsync("/api/backtest?leadDays=60&model=default-2026.11.2&from=2026-07-20", null));
        Assert.Equal("stored", stored.GetProperty("model").GetString());
        var outcomes = stored.GetProperty("result").GetProperty("backtest").GetProperty("leadTimes")[0].GetProperty("outcomes").GetInt32();
        Assert.InRange(outcomes, 1, Accounts - 1); // only outcomes from 2026-07-20 on

        var before = (await http.GetFromJsonAsync<JsonElement>("/api/jobs")).GetProperty("jobs").GetArrayLength();
        var invalid = await http.PostAsync("/api/backtest", new StringContent("{\"version\":\"x\",\"components\":[{\"name\":\"a\",\"weight\":-1}]}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var fields = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("model.components[0].weight", fields);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/backtest?model=nope-2", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/backtest?leadDays=0", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/models/calibrate?leadDays=60,90", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/backtest?from=2026-08-01&to=2026-07-01", null)).StatusCode);
        Assert.Equal(before, (await http.GetFromJsonAsync<JsonElement>("/api/jobs")).GetProperty("jobs").GetArrayLength());

        // A job without a result yet answers 409 where a result is asked for; an unknown job 404.
        var queued = await (await http.PostAsync("/api/backtest", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Conflict, (await http.GetAsync($"/api/backtest?job={queued.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/jobs/20260101000000000-0000abcd")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/jobs/not-a-job")).StatusCode);
    }

    /// <summary>Checks the 202 and its Location, runs each lane's job timer once, and returns the job as GET shows it.</summary>
    private static async Task<JsonElement> RunJobAsync(PipelineApp app, HttpClient http, HttpResponseMessage posted)
    {
        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, await posted.Content.ReadAsStringAsync());
        var queued = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal(queued.GetProperty("url").GetString(), posted.Headers.Location?.OriginalString);
        await app.RunTimerAsync(JobFunctions.Name);
        await app.RunTimerAsync(JobFunctions.BacktestsName);
        var job = await http.GetFromJsonAsync<JsonElement>(posted.Headers.Location!.OriginalString);
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
        return job;
    }

    private static async Task PostOutcomesAsync(HttpClient http)
    {
        var json = Enumerable.Range(0, Accounts / 2).Select(i => new { accountId = Id(i), date = OutcomeDate(i), outcome = Churns(i) ? "churned" : "renewed", arrBefore = 12000 }).ToArray();
        var posted = await http.PostAsJsonAsync("/api/outcomes", new { outcomes = json });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(0, (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unknownAccounts").GetInt32());
        var csv = new StringBuilder("accountId,date,outcome,arrBefore,arrAfter\r\n");
        foreach (var i in Enumerable.Range(Accounts / 2, Accounts / 2))
        {
            csv.Append(CultureInfo.InvariantCulture, $"\"{Id(i)}\",{OutcomeDate(i)},{(Churns(i) ? "churned" : "expanded")},10000,\r\n");
        }

        csv.Append("ghost,2026-07-20,churned,,\r\n");
        var csvPost = await http.PostAsync("/api/outcomes", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, csvPost.StatusCode);
        // The outcome of an account the pipeline never heard of is stored, and the answer says so, naming it.
        var answer = await csvPost.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("unknownAccounts").GetInt32());
        Assert.Equal(["ghost"], answer.GetProperty("unknownAccountIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("no profile and no signal", answer.GetProperty("note").GetString(), StringComparison.Ordinal);
        // Re-posting is idempotent: still one outcome per account.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/outcomes", new { outcomes = json })).StatusCode);
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
        var backtest = await http.PostAsync("/api/backtest", null);
        await app.RunTimerAsync(JobFunctions.BacktestsName);
        var job = await http.GetFromJsonAsync<JsonElement>(backtest.Headers.Location!.OriginalString);
        Assert.All(job.GetProperty("result").GetProperty("backtest").GetProperty("leadTimes").EnumerateArray(), l => Assert.Equal(0, l.GetProperty("outcomes").GetInt32()));
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
