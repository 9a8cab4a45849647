using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Tests.EndToEnd;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Rescoring;

/// <summary>
/// #17 item 2: an account that has been Red from its first score never had a transition, so no playbook fired. The red
/// dwell (the default model: Red for 14 days starts red-recovery) fires in the daily run, once per dwell episode, holds
/// the one-open-task rule, and after a CSM dismisses the task waits until the account has spent the dwell in Red again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DwellTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 2, 3, 0, 0, TimeSpan.Zero);

    private static async Task<List<JsonElement>> TasksAsync(HttpClient http) =>
        (await GetAsync(http, "/api/tasks?accountId=stuck")).GetProperty("tasks").EnumerateArray().ToList();

    private static async Task<List<LocalEnvelope>> DailyRunAsync(PipelineApp app, HttpClient http, int day)
    {
        app.Clock.Set(Day0.AddDays(day));
        await RescoreAsync(http);
        await app.RunTimerAsync("DispatchPlaybooks");
        return await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);
    }

    [Fact]
    public async Task RedFromTheFirstScore_GetsARecoveryTaskAfterFourteenDays_Once_AndAgainFourteenDaysAfterItWasDismissed()
    {
        await using var app = new PipelineApp(azurite, Day0);
        using var http = app.CreateClient();
        await PutAsync(http, "stuck", new { name = "Stuck", segment = "MidMarket", lifecycleStage = "mature", owner = "dana" });
        await SignalsAsync(http, Signals.Red("stuck", Day0));
        for (var day = 0; day < 14; day++)
        {
            Assert.Empty(await DailyRunAsync(app, http, day));
        }

        Assert.Equal("Red", (await GetAsync(http, "/api/accounts/stuck/health")).GetProperty("tier").GetString());
        Assert.Empty(await TasksAsync(http));

        // Day 14: a dirty pass scores the account first (dirty passes do not check dwell); the daily run, which then has
        // nothing to rescore, still raises the dwell.
        app.Clock.Set(Day0.AddDays(14));
        await SignalsAsync(http, [new { accountId = "stuck", metric = "logins", value = 1, timestamp = Day0.AddDays(14), eventId = "stuck-l14" }]);
        await app.RunTimerAsync("RescoreDirty");
        Assert.Empty(await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription));
        var summary = await RescoreAsync(http);
        Assert.Equal(1, summary.GetProperty("transitions").GetInt32());
        await app.RunTimerAsync("DispatchPlaybooks");
        var dwell = Assert.Single(await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription));
        Assert.Equal("tier-dwell", dwell.ApplicationProperties["kind"]);
        var data = JsonDocument.Parse(dwell.Body).RootElement.GetProperty("data");
        Assert.Equal(("Red", "red-recovery", "2026-11-02", 14), (data.GetProperty("currentTier").GetString(), data.GetProperty("playbook").GetString(),
            data.GetProperty("dwellSince").GetString(), data.GetProperty("dwellDays").GetInt32()));
        var task = Assert.Single(await TasksAsync(http));
        Assert.Equal(("red-recovery", "tier-dwell", "open"), (task.GetProperty("playbook").GetString(), task.GetProperty("transitionKind").GetString(), task.GetProperty("status").GetString()));

        // Once per episode: the same day again, and the next days, raise nothing.
        Assert.Equal(0, (await RescoreAsync(http)).GetProperty("transitions").GetInt32());
        Assert.Empty(await DailyRunAsync(app, http, 15));

        // A CSM dismisses it on day 16: the clock restarts; nothing until the account has been Red 14 more days.
        var id = task.GetProperty("taskId").GetString();
        app.Clock.Set(Day0.AddDays(16));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Patch, $"/api/tasks/{id}", """{"status":"dismissed","note":"known: contract dispute"}""")).Status);
        app.Clock.Set(Day0.AddDays(17)); // a retry the next day changes nothing, the restart day included
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Patch, $"/api/tasks/{id}", """{"status":"dismissed","note":"known: contract dispute"}""")).Status);
        for (var day = 16; day < 30; day++)
        {
            Assert.Empty(await DailyRunAsync(app, http, day));
        }

        var again = Assert.Single(await DailyRunAsync(app, http, 30));
        Assert.Equal("2026-11-18", JsonDocument.Parse(again.Body).RootElement.GetProperty("data").GetProperty("dwellSince").GetString());
        var tasks = await TasksAsync(http);
        Assert.Equal(["dismissed", "open"], tasks.Select(t => t.GetProperty("status").GetString()).Order());
    }

    [Fact]
    public async Task ADwell_WhileARecoveryTaskIsOpen_AddsNoSecondTask()
    {
        await using var app = new PipelineApp(azurite, Day0);
        using var http = app.CreateClient();
        await PutAsync(http, "stuck", new { name = "Stuck", segment = "MidMarket", lifecycleStage = "mature" });
        await SignalsAsync(http, Signals.Green("stuck", Day0));
        await DailyRunAsync(app, http, 0);
        app.Clock.Set(Day0.AddDays(1));
        await SignalsAsync(http, Signals.Red("stuck", Day0.AddDays(1)));
        var drop = Assert.Single(await DailyRunAsync(app, http, 1));
        Assert.Equal("tier-drop", drop.ApplicationProperties["kind"]);
        for (var day = 2; day < 15; day++)
        {
            // (the sharp decline from day 0's peak is announced while it lasts; the open recovery task absorbs it)
            Assert.DoesNotContain(await DailyRunAsync(app, http, day), m => m.ApplicationProperties["kind"] == "tier-dwell");
        }

        var dwell = Assert.Single(await DailyRunAsync(app, http, 15), m => m.ApplicationProperties["kind"] == "tier-dwell");

        Assert.Equal("2026-11-03", JsonDocument.Parse(dwell.Body).RootElement.GetProperty("data").GetProperty("dwellSince").GetString());
        Assert.Equal(["red-recovery"], (await TasksAsync(http)).Select(t => t.GetProperty("playbook").GetString()));
    }
}
