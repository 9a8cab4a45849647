using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Calibration.Jobs;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Calibration;

/// <summary>
/// Jobs have a queue cap per kind (429 with Retry-After beyond it, whatever arrives at once), and lanes: a calibration
/// runs while backtests wait, not behind them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobQueueTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThirtyBacktestsAtOnce_QueueUpToTheCap_TheRestGet429WithRetryAfter_AndOtherKindsStillQueue()
    {
        await using var app = new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["HealthFunctions:MaxQueuedJobsPerKind"] = "3" });
        using var http = app.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => http.PostAsync("/api/backtest?leadDays=30", null)));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.Equal(27, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(JobQueueFullException.RetryAfterSeconds), r.Headers.RetryAfter?.Delta);
        });
        var jobs = await http.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Equal(3, jobs.GetProperty("jobs").EnumerateArray().Count(j => j.GetProperty("status").GetString() == "queued"));
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/models/calibrate?leadDays=30", null)).StatusCode); // its own cap

        await app.RunTimerAsync(JobFunctions.BacktestsName); // one backtest leaves the queue, so one more may wait

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/backtest?leadDays=30", null)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.PostAsync("/api/backtest?leadDays=30", null)).StatusCode);
    }

    [Fact]
    public async Task ACalibration_RunsWhileABacklogOfBacktestsWaits()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var backtests = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            backtests.Add((await (await http.PostAsync("/api/backtest?leadDays=30", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var calibration = (await (await http.PostAsync("/api/models/calibrate?leadDays=30", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await app.RunTimerAsync(JobFunctions.Name);

        var calibrated = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{calibration}");
        Assert.DoesNotContain(calibrated.GetProperty("status").GetString(), new[] { "queued", "running" }); // it ran (no outcomes here: it failed, saying so)
        foreach (var id in backtests)
        {
            Assert.Equal("queued", (await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("status").GetString());
        }
    }
}
