using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Calibration.Jobs;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Calibration;

/// <summary>Jobs outlive the process that queued or ran them, are started again when their runner stops, and time out.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobRunnerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static async Task SeedAsync(HttpClient http)
    {
        // Outcome i falls 10 + i days ago; with a 30-day lead its cut-off sees one of these two values within the 30-day window.
        string[] metrics = ["logins", "active_users_pct", "feature_adoption_pct", "nps", "csat"];
        var signals = Enumerable.Range(0, 30).SelectMany(i => new[] { -70, -45 }.SelectMany(d => metrics.Select(m =>
            new { accountId = $"job-{i:D2}", metric = m, value = m is "nps" or "csat" ? 1 + (i % 4) : 3 * i, timestamp = Now.AddDays(d) }))).ToArray();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/signals", signals)).StatusCode);
        var outcomes = Enumerable.Range(0, 30).Select(i => new { accountId = $"job-{i:D2}", date = Now.AddDays(-10 - i).ToString("yyyy-MM-dd"), outcome = i < 10 ? "churned" : "renewed" }).ToArray();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/outcomes", outcomes)).StatusCode);
    }

    private static async Task<JsonElement> JobAsync(HttpClient http, string id) => await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");

    [Fact]
    public async Task QueuedJob_SurvivesARestartOfTheProcess_AndTheNextProcessRunsIt()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?> { ["HealthFunctions:StoragePrefix"] = prefix };
        string id;
        await using (var first = new PipelineApp(azurite, Now, settings))
        {
            using var http = first.CreateClient();
            await SeedAsync(http);
            id = (await (await http.PostAsync("/api/backtest?leadDays=30", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        await using var second = new PipelineApp(azurite, Now, settings);
        using var again = second.CreateClient();
        Assert.Equal("queued", (await JobAsync(again, id)).GetProperty("status").GetString());
        await second.RunTimerAsync(JobFunctions.BacktestsName);

        var job = await JobAsync(again, id);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(30, job.GetProperty("result").GetProperty("backtest").GetProperty("leadTimes")[0].GetProperty("included").GetInt32());
    }

    [Fact]
    public async Task RunningJob_WhoseRunnerStopped_IsStartedAgain_ButOneWithALiveRunnerIsLeftAlone()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http);
        var store = app.Services.GetRequiredService<JobStore>();
        var request = new JobRequest(JobKind.Backtest, [30], ModelSource.Active, null, null, null);
        var orphan = await store.CreateAsync(request, null, Now, CancellationToken.None);
        // As a runner leaves it when its process dies mid-job: running, its heartbeat going stale.
        await store.UpdateAsync(orphan with
        {
            Status = JobStatus.Running, Attempts = 1, Owner = "gone", StartedAt = Now, HeartbeatAt = Now, Progress = new JobProgress("scoring", 12, 30),
        }, CancellationToken.None);

        await app.RunTimerAsync(JobFunctions.BacktestsName);
        Assert.Equal("running", (await JobAsync(http, orphan.Id)).GetProperty("status").GetString()); // its heartbeat is fresh

        app.Clock.Advance(JobRunner.Lease + TimeSpan.FromSeconds(1));
        await app.RunTimerAsync(JobFunctions.BacktestsName);

        var job = await JobAsync(http, orphan.Id);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.Equal(30, job.GetProperty("result").GetProperty("backtest").GetProperty("leadTimes")[0].GetProperty("included").GetInt32());
    }

    [Fact]
    public async Task JobWhoseRunnerStoppedEveryAttempt_IsMarkedFailed_AndNotStartedAgain()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var store = app.Services.GetRequiredService<JobStore>();
        var job = await store.CreateAsync(new JobRequest(JobKind.Backtest, [30], ModelSource.Active, null, null, null), null, Now, CancellationToken.None);
        await store.UpdateAsync(job with { Status = JobStatus.Running, Attempts = JobRunner.MaxAttempts, Owner = "gone", StartedAt = Now, HeartbeatAt = Now }, CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await app.RunTimerAsync(JobFunctions.BacktestsName);

        var failed = await JobAsync(http, job.Id);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("3 times", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JobRunner.MaxAttempts, failed.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task JobThatRunsPastItsTimeout_IsStopped_AndSaysWhere()
    {
        await using var app = new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["HealthFunctions:JobTimeoutMinutes"] = "1" });
        using var http = app.CreateClient();
        await SeedAsync(http);
        var posted = await (await http.PostAsync("/api/backtest?leadDays=30", null)).Content.ReadFromJsonAsync<JsonElement>();

        // Every read of the clock moves it on five seconds: the job's minute passes while it works, whatever the machine's speed.
        app.Clock.StepPerRead = TimeSpan.FromSeconds(5);
        await app.RunTimerAsync(JobFunctions.BacktestsName);
        app.Clock.StepPerRead = TimeSpan.Zero;

        var job = await JobAsync(http, posted.GetProperty("id").GetString()!);
        Assert.Equal("timedout", job.GetProperty("status").GetString());
        Assert.Contains("HealthFunctions__JobTimeoutMinutes", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(job.TryGetProperty("result", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await http.GetAsync($"/api/backtest?job={posted.GetProperty("id").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task Calibration_WithTooFewOutcomes_FailsWithTheReason()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http);

        var posted = await http.PostAsync("/api/models/calibrate?leadDays=30&to=" + Now.AddDays(-35).ToString("yyyy-MM-dd"), null);
        await app.RunTimerAsync(JobFunctions.Name);

        var job = await JobAsync(http, posted.Headers.Location!.OriginalString.Split('/')[^1]);
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("Calibration needs at least", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        var list = await http.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Equal(job.GetProperty("id").GetString(), list.GetProperty("jobs")[0].GetProperty("id").GetString());
    }
}
