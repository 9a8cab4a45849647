using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Scoring;
using HealthFunctions.Tests.EndToEnd;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using HealthScoring;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Scoring;

/// <summary>
/// #17 items 5-7 and 11: model changes that cannot hurt the customer base. A preview says what an activation would do;
/// a not-recommended proposal needs force and a reason; tier changes a model causes are published as such and start no
/// playbook by default; a rollback closes what the rolled-back model opened; scores are explained with their own model.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModelChangeTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A default-model document with another version, stricter tiers (Yellow from 80, Green from 90) and, optionally, rules that act on model changes.</summary>
    private static string Strict(string version, bool playbooksOnModelChanges = false)
    {
        var json = DefaultModels.DefaultJson
            .Replace($"\"version\": \"{DefaultModels.Default.Version}\"", $"\"version\": \"{version}\"", StringComparison.Ordinal)
            .Replace("\"yellowFrom\": 60, \"greenFrom\": 80", "\"yellowFrom\": 80, \"greenFrom\": 90", StringComparison.Ordinal);
        return playbooksOnModelChanges
            ? json.Replace("\"causes\": [\"signals\", \"pulse\", \"override\", \"profile\"]", "\"causes\": [\"signals\", \"pulse\", \"override\", \"profile\", \"model\"]", StringComparison.Ordinal)
            : json;
    }

    /// <summary>"mid-co" is Yellow (about 74) under the default model and Red under the strict one; "top-co" Green under both.</summary>
    private static async Task SeedAsync(PipelineApp app, HttpClient http)
    {
        await PutAsync(http, "mid-co", new { name = "Mid", segment = "Enterprise", lifecycleStage = "mature", owner = "dana" });
        await PutAsync(http, "top-co", new { name = "Top", segment = "Enterprise", lifecycleStage = "mature", owner = "lee" });
        await SignalsAsync(http, [.. Signals.Of("mid-co", Signals.Healthy, Day1.AddHours(-1), "healthy"), .. Signals.Of("top-co", Signals.Healthy, Day1.AddHours(-1), "healthy"),
            .. Signals.Of("mid-co", Signals.Slipping, Day1, "slipping")]);
        await RescoreAsync(http);
        Assert.Equal("Yellow", (await GetAsync(http, "/api/accounts/mid-co/health")).GetProperty("tier").GetString());
        Assert.Equal("Green", (await GetAsync(http, "/api/accounts/top-co/health")).GetProperty("tier").GetString());
        await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);
    }

    private static async Task<JsonElement> RunJobAsync(PipelineApp app, HttpClient http, HttpResponseMessage posted)
    {
        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, await posted.Content.ReadAsStringAsync());
        await app.RunTimerAsync("RunJobs");
        var job = await http.GetFromJsonAsync<JsonElement>(posted.Headers.Location!.OriginalString);
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
        return job;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ActivateAsync(HttpClient http, object body) =>
        await SendAsync(http, HttpMethod.Post, "/api/models/activate", JsonSerializer.Serialize(body));

    private static async Task<List<JsonElement>> TasksAsync(HttpClient http) =>
        (await GetAsync(http, "/api/tasks")).GetProperty("tasks").EnumerateArray().ToList();

    [Fact]
    public async Task Preview_SaysWhatTheActivationThenDoes_AModelCauseStartsNoPlaybookByDefault()
    {
        await using var app = new PipelineApp(azurite, Day1);
        using var http = app.CreateClient();
        await SeedAsync(app, http);
        await app.Services.GetRequiredService<ModelStore>().SaveProposedAsync("strict-1", Strict("strict-1"), CancellationToken.None);

        var job = await RunJobAsync(app, http, await http.PostAsync("/api/models/strict-1/preview", null));

        Assert.Equal("preview", job.GetProperty("kind").GetString());
        var preview = job.GetProperty("result").GetProperty("preview");
        Assert.Equal(("strict-1", DefaultModels.Default.Version, 2), (preview.GetProperty("version").GetString(), preview.GetProperty("activeVersion").GetString(), preview.GetProperty("accounts").GetInt32()));
        var change = Assert.Single(preview.GetProperty("tierChanges").EnumerateArray());
        Assert.Equal(("Yellow", "Red", 1), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("count").GetInt32()));
        Assert.Equal((1, 0, 0), (preview.GetProperty("drops").GetInt32(), preview.GetProperty("rises").GetInt32(), preview.GetProperty("tasksWouldOpen").GetInt32()));
        Assert.Equal(DefaultModels.Default.Version, preview.GetProperty("backtest").GetProperty("active").GetProperty("modelVersion").GetString());
        Assert.Equal("strict-1", preview.GetProperty("backtest").GetProperty("proposed").GetProperty("modelVersion").GetString());
        Assert.True(preview.GetProperty("recommended").GetBoolean());

        // What the preview said happens: activated, the next day's rescore publishes the drop with cause "model", and no task.
        Assert.Equal(HttpStatusCode.OK, (await ActivateAsync(http, new { version = "strict-1" })).Status);
        app.Clock.Set(Day1.AddDays(1));
        await RescoreAsync(http);
        await app.RunTimerAsync("DispatchPlaybooks");
        var message = Assert.Single(await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription));
        Assert.Equal(("tier-drop", "model", "Red"), (message.ApplicationProperties["kind"], message.ApplicationProperties["cause"], message.ApplicationProperties["tier"]));
        Assert.Empty(await TasksAsync(http));
    }

    [Fact]
    public async Task ATeamThatActsOnModelChanges_GetsTheTasksThePreviewCounted_AndARollbackClosesThem()
    {
        await using var app = new PipelineApp(azurite, Day1);
        using var http = app.CreateClient();
        await SeedAsync(app, http);
        await app.Services.GetRequiredService<ModelStore>().SaveProposedAsync("strict-team-1", Strict("strict-team-1", playbooksOnModelChanges: true), CancellationToken.None);

        var preview = (await RunJobAsync(app, http, await http.PostAsync("/api/models/strict-team-1/preview", null))).GetProperty("result").GetProperty("preview");
        Assert.Equal(1, preview.GetProperty("tasksWouldOpen").GetInt32());
        Assert.Equal(1, preview.GetProperty("tasksByPlaybook").GetProperty("red-recovery").GetInt32());

        var (activated, answer) = await ActivateAsync(http, new { version = "strict-team-1" });
        Assert.Equal((HttpStatusCode.OK, DefaultModels.Default.Version, false), (activated, answer.GetProperty("previous").GetString(), answer.GetProperty("rolledBack").GetBoolean()));
        app.Clock.Set(Day1.AddDays(1));
        await RescoreAsync(http);
        await app.RunTimerAsync("DispatchPlaybooks");
        var task = Assert.Single(await TasksAsync(http));
        Assert.Equal(("mid-co", "red-recovery", "model", "strict-team-1"), (task.GetProperty("accountId").GetString(), task.GetProperty("playbook").GetString(),
            task.GetProperty("cause").GetString(), task.GetProperty("modelVersion").GetString()));

        // Rolling back (activating the model that was active before) closes it, with the reason.
        var (rolled, rollback) = await ActivateAsync(http, new { version = DefaultModels.Default.Version });
        Assert.Equal((HttpStatusCode.OK, true, 1), (rolled, rollback.GetProperty("rolledBack").GetBoolean(), rollback.GetProperty("closedTasks").GetInt32()));
        var closed = Assert.Single(await TasksAsync(http));
        Assert.Equal("dismissed", closed.GetProperty("status").GetString());
        Assert.Contains("rolled back", closed.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(ModelActivation.RollbackAuthor, closed.GetProperty("changes")[0].GetProperty("by").GetString());

        // The rollback's own rise back to Yellow is a model change too: no new task. A second rollback request closes nothing more.
        app.Clock.Set(Day1.AddDays(2));
        await RescoreAsync(http);
        await app.RunTimerAsync("DispatchPlaybooks");
        Assert.Single(await TasksAsync(http));
        Assert.Equal(0, (await ActivateAsync(http, new { version = DefaultModels.Default.Version })).Body.GetProperty("closedTasks").GetInt32());
    }

    [Fact]
    public async Task ANotRecommendedProposal_NeedsForceAndAReason_AndEveryAnswerSaysWhy()
    {
        await using var app = new PipelineApp(azurite, Day1);
        using var http = app.CreateClient();
        var store = app.Services.GetRequiredService<ModelStore>();
        await store.SaveProposedAsync("flipped-1", Strict("flipped-1"), CancellationToken.None,
            new ProposalNote(DefaultModels.Default.Version, "job-1", 60, 0.602, 0.587, 1.82, 0.91, ["logins", "active_users_pct", "nps"]));

        var listed = Assert.Single((await GetAsync(http, "/api/models")).GetProperty("proposed").EnumerateArray());
        Assert.False(listed.GetProperty("recommended").GetBoolean());
        Assert.Equal(["logins", "active_users_pct", "nps"], listed.GetProperty("flippedMetrics").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["flipped-metric", "worse-backtest"], listed.GetProperty("concerns").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Contains("AUC 0.587 vs 0.602", listed.GetProperty("concerns")[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False((await GetAsync(http, "/api/models/flipped-1/info")).GetProperty("recommended").GetBoolean());

        var (refused, problem) = await ActivateAsync(http, new { version = "flipped-1" });
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal(2, problem.GetProperty("concerns").GetArrayLength());
        Assert.Contains("flips logins, active_users_pct and nps", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await BadRequestAsync(http, HttpMethod.Post, "/api/models/activate", """{"version":"flipped-1","force":true}""", "reason");
        await BadRequestAsync(http, HttpMethod.Post, "/api/models/activate", """{"version":"flipped-1","force":"yes","reason":"x"}""", "force");
        Assert.Equal(DefaultModels.Default.Version, (await GetAsync(http, "/api/healthz")).GetProperty("modelVersion").GetString());

        var (forced, answer) = await ActivateAsync(http, new { version = "flipped-1", force = true, reason = "we know: logins are bots this quarter" });
        Assert.Equal((HttpStatusCode.OK, true), (forced, answer.GetProperty("forced").GetBoolean()));
        var active = (await GetAsync(http, "/api/models")).GetProperty("active");
        Assert.Equal(("flipped-1", "we know: logins are bots this quarter"), (active.GetProperty("version").GetString(), active.GetProperty("forcedReason").GetString()));
    }

    [Fact]
    public async Task APreviewThatBacktestsWorseThanTheActiveModel_MakesTheProposalNotRecommended()
    {
        await using var app = new PipelineApp(azurite, Day1);
        var store = app.Services.GetRequiredService<ModelStore>();
        await store.SaveProposedAsync("later-1", Strict("later-1"), CancellationToken.None,
            new ProposalNote(DefaultModels.Default.Version, "job-1", 60, 0.70, 0.72, 1.5, 1.6, []));
        Assert.True((await store.ProposalAsync("later-1", CancellationToken.None))!.Recommended);

        await store.SetPreviewAsync("later-1", new PreviewFigures("active-9", 0.75, 0.71, 2.0, 1.9), CancellationToken.None);

        var info = await store.ProposalAsync("later-1", CancellationToken.None);
        var concern = Assert.Single(info!.Concerns);
        Assert.Equal("worse-backtest", concern.Code);
        Assert.StartsWith("It backtests worse than active-9 on the same outcomes: AUC 0.710 vs 0.750", concern.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RightAfterAnActivation_AScoreNotYetRescored_IsExplainedWithItsOwnModel()
    {
        await using var app = new PipelineApp(azurite, Day1);
        using var http = app.CreateClient();
        await SeedAsync(app, http);
        var lenient = DefaultModels.DefaultJson
            .Replace($"\"version\": \"{DefaultModels.Default.Version}\"", "\"version\": \"lenient-1\"", StringComparison.Ordinal)
            .Replace("\"yellowFrom\": 60, \"greenFrom\": 80", "\"yellowFrom\": 30, \"greenFrom\": 70", StringComparison.Ordinal);
        await app.Services.GetRequiredService<ModelStore>().SaveProposedAsync("lenient-1", lenient, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await ActivateAsync(http, new { version = "lenient-1" })).Status);

        var before = await GetAsync(http, "/api/accounts/mid-co");
        var summary = before.GetProperty("health").GetProperty("explanation").GetProperty("summary").GetString()!;
        Assert.Equal(DefaultModels.Default.Version, before.GetProperty("health").GetProperty("modelVersion").GetString());
        Assert.Matches(@"^Yellow: score \d+(\.\d)? is from 60 to below 80\.$", summary);
        Assert.Equal(60, before.GetProperty("tiers").GetProperty("yellowFrom").GetDouble());

        await RescoreAsync(http);
        var after = await GetAsync(http, "/api/accounts/mid-co");
        Assert.Equal("lenient-1", after.GetProperty("health").GetProperty("modelVersion").GetString());
        Assert.Matches(@"^Green: score \d+(\.\d)? is 70 or more\.$", after.GetProperty("health").GetProperty("explanation").GetProperty("summary").GetString()!);
        Assert.Equal(30, after.GetProperty("tiers").GetProperty("yellowFrom").GetDouble());
    }

    [Fact]
    public async Task ANewLifecycleStage_SplitsTheChangeIntoValuesAndWeights_InWords()
    {
        await using var app = new PipelineApp(azurite, Day1);
        using var http = app.CreateClient();
        await SeedAsync(app, http);
        app.Clock.Set(Day1.AddDays(1));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Patch, "/api/accounts/mid-co", """{"lifecycleStage":"onboarding"}""")).Status);
        await app.RunTimerAsync("RescoreDirty");

        var explanation = (await GetAsync(http, "/api/accounts/mid-co/health")).GetProperty("explanation");

        var split = explanation.GetProperty("split");
        Assert.Contains("the lifecycle stage changed from mature to onboarding", split.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, split.GetProperty("valuesPoints").GetDouble());
        Assert.NotEqual(0, split.GetProperty("weightsPoints").GetDouble());
        Assert.All(explanation.GetProperty("drivers").EnumerateArray(), d =>
            Assert.Contains("from the new weights", d.GetProperty("text").GetString(), StringComparison.Ordinal));
    }
}
