using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Tests.Accounts;
using HealthFunctions.Tests.EndToEnd;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Messaging;

/// <summary>
/// The local bus loses no message to a crash between its steps. A real local runner process publishes a tier drop and
/// is killed (kill -9) while it waits between two steps: after remembering the message id (as pending) and before sending
/// it, or after sending and before marking it sent. The next process sends what was left pending, the rescore rerun
/// republishes the same id (dropped as a duplicate), and the dispatcher makes the task: zero lost messages, zero duplicate tasks.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalBusCrashTests(AzuriteFixture azurite)
{
    private const string Account = "crash-9";

    [Theory]
    [InlineData("remembered")]
    [InlineData("sent")]
    public async Task KilledBetweenTheSteps_NoMessageIsLost_AndNoTaskIsMadeTwice(string step)
    {
        var prefix = "c" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?> { ["HealthFunctions:StoragePrefix"] = prefix };
        var now = DateTimeOffset.UtcNow;
        await using (var yesterday = new PipelineApp(azurite, now.AddDays(-1), settings))
        {
            using var http = yesterday.CreateClient();
            await WorkspaceApi.PutAsync(http, Account, new { name = "Crash Co", segment = "MidMarket" });
            await Signals.PostAsync(http, Signals.Green(Account, now.AddDays(-1)));
            await WorkspaceApi.RescoreAsync(http);
        }

        var marker = Path.Combine(Path.GetTempPath(), $"hf-pause-{prefix}");
        string paused;
        using (var runner = await RunnerProcess.StartAsync(azurite, prefix, "--LocalRunner:PauseLocalBus", step, "--LocalRunner:PauseMarker", marker))
        {
            await Signals.PostAsync(runner.Http, Signals.Red(Account, now));
            var rescore = runner.Http.PostAsync("/api/ops/rescore", null); // publishes the tier drop, and stops between the steps
            await Until.TrueAsync(() => Task.FromResult(File.Exists(marker) && new FileInfo(marker).Length > 0));
            paused = await File.ReadAllTextAsync(marker);
            runner.KillNow();
            await Assert.ThrowsAnyAsync<Exception>(() => rescore);
        }

        File.Delete(marker);
        await using var after = new PipelineApp(azurite, now, settings); // a new process: sends what was left pending
        using var again = after.CreateClient();
        await WorkspaceApi.RescoreAsync(again); // the rerun republishes the same id
        await after.RunTimerAsync("DispatchPlaybooks");

        var downstream = await BusQueues.DrainAsync(after, LocalTopicSender.DownstreamSubscription);
        Assert.NotEmpty(downstream);
        Assert.All(downstream, m => Assert.Equal(paused, m.MessageId)); // the one tier drop: not lost, and nothing else
        Assert.True(downstream.Count <= (step == "sent" ? 2 : 1), $"{downstream.Count} copies"); // a crash after the send may leave one more copy
        var tasks = (await again.GetFromJsonAsync<JsonElement>($"/api/tasks?accountId={Account}")).GetProperty("tasks").EnumerateArray().ToList();
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal(paused, t.GetProperty("eventId").GetString()));
        Assert.Equal(tasks.Count, tasks.Select(t => t.GetProperty("playbook").GetString()).Distinct().Count()); // no task twice
    }
}
