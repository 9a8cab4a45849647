using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Tests.Support;
using HealthFunctions.Tests.Webhooks;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.EndToEnd;

/// <summary>
/// #17 item 1, through the real pipeline: an account goes Green → Yellow (new signals, the dirty rescore) and, later the
/// same UTC day, Yellow → Red (a Stripe cancellation webhook, the dirty rescore). Both drops are published, each once,
/// and give an adoption task and a recovery task; redelivery and a crash between publishing and writing change nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SameDayDropsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Yesterday = WebhookSigner.Now.AddDays(-1);
    private static readonly DateTimeOffset Morning = WebhookSigner.Now; // 10:00 UTC; the Stripe fixture's event is from the same day

    private static async Task GreenYesterdayAsync(PipelineApp app, HttpClient http, string accountId)
    {
        Assert.True((await http.PutAsJsonAsync($"/api/accounts/{accountId}", new { name = "Acme", segment = "Enterprise", lifecycleStage = "mature", owner = "dana" })).IsSuccessStatusCode);
        app.Clock.Set(Yesterday);
        await Signals.PostAsync(http, Signals.Of(accountId, Signals.Healthy, Yesterday, "healthy"));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/ops/rescore", null)).StatusCode);
        Assert.Equal("Green", (await http.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}/health")).GetProperty("tier").GetString());
        await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);
        app.Clock.Set(Morning);
    }

    private static async Task<List<JsonElement>> TasksAsync(HttpClient http, string accountId) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/tasks?accountId={accountId}")).GetProperty("tasks").EnumerateArray().ToList();

    private static (string Kind, string? From, string? To) Describe(LocalEnvelope m)
    {
        var data = JsonDocument.Parse(m.Body).RootElement.GetProperty("data");
        return (data.GetProperty("kind").GetString()!, data.GetProperty("previousTier").GetString(), data.GetProperty("currentTier").GetString());
    }

    private static string? Cause(LocalEnvelope m) =>
        JsonDocument.Parse(m.Body).RootElement.GetProperty("data").TryGetProperty("cause", out var cause) ? cause.GetString() : null;

    [Fact]
    public async Task GreenToYellowToRed_InOneDay_TwoMessages_AnAdoptionAndARecoveryTask_OnceEach()
    {
        await using var app = new PipelineApp(azurite, Morning, WebhookSigner.Settings());
        using var http = app.CreateClient();
        await GreenYesterdayAsync(app, http, "acme-co");

        // Morning: adoption and the CSM's rating slip; the dirty rescore scores it Yellow and the drop starts adoption work.
        await Signals.PostAsync(http, Signals.Of("acme-co", Signals.Slipping, Morning, "slipping"));
        await app.RunTimerAsync("RescoreDirty");
        Assert.Equal("Yellow", (await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme-co/health")).GetProperty("tier").GetString());
        await app.RunTimerAsync("DispatchPlaybooks");
        Assert.Equal(["yellow-adoption"], (await TasksAsync(http, "acme-co")).Select(t => t.GetProperty("playbook").GetString()));

        // Afternoon: the customer cancels (a signed Stripe webhook); the next dirty rescore finds it Red.
        app.Clock.Set(Morning.AddHours(5));
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookClient.PostSignedAsync(http, app, "stripe", WebhookSigner.Fixture("stripe-subscription-deleted.json"))).StatusCode);
        await app.RunTimerAsync("RescoreDirty");
        Assert.Equal("Red", (await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme-co/health")).GetProperty("tier").GetString());
        await app.RunTimerAsync("DispatchPlaybooks");

        var tasks = await TasksAsync(http, "acme-co");
        Assert.Equal(["red-recovery", "yellow-adoption"], tasks.Select(t => t.GetProperty("playbook").GetString()).Order());
        var messages = await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);
        Assert.Equal([("tier-drop", "Green", "Yellow"), ("tier-drop", "Green", "Red")], messages.Select(Describe));
        Assert.Equal(2, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(messages, m => Assert.Equal(("signals", "signals"), (Cause(m), m.ApplicationProperties["cause"])));
        Assert.All(tasks, t => Assert.Equal("dana", t.GetProperty("owner").GetString()));

        // The rest of the day: the daily run, more dirty passes, and the broker delivering both messages again change nothing.
        Assert.Equal(0, (await (await http.PostAsync("/api/ops/rescore", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transitions").GetInt32());
        await Signals.PostAsync(http, Signals.Of("acme-co", [("logins", 3)], Morning.AddHours(6), "later"));
        await app.RunTimerAsync("RescoreDirty");
        Assert.Empty(await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription));
        foreach (var message in messages)
        {
            await BusQueues.Queue(app, "playbooks").SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(message, AppJson.Default.LocalEnvelope)));
        }

        await app.RunTimerAsync("DispatchPlaybooks");
        Assert.Equal(2, (await TasksAsync(http, "acme-co")).Count);
    }

    [Fact]
    public async Task SecondDrop_CrashingBetweenPublishAndWrite_IsSentOnce_AndGivesOneRecoveryTask()
    {
        var crash = new FailBatchesWhileArmed();
        await using var app = new PipelineApp(azurite, Morning, WebhookSigner.Settings(), TablesWithPolicy.InApp(azurite, crash, maxRetries: 0));
        using var http = app.CreateClient();
        await GreenYesterdayAsync(app, http, "acme-co");
        await Signals.PostAsync(http, Signals.Of("acme-co", Signals.Slipping, Morning, "slipping"));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/ops/rescore", null)).StatusCode);

        await Signals.PostAsync(http, Signals.Of("acme-co", [("subscription_canceled", 1)], Morning.AddHours(5), "canceled"));
        crash.Armed = true;
        var crashed = await http.PostAsync("/api/ops/rescore", null);
        crash.Armed = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, crashed.StatusCode);
        var rerun = await http.PostAsync("/api/ops/rescore", null);
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        await app.RunTimerAsync("DispatchPlaybooks");

        Assert.Equal(["red-recovery", "yellow-adoption"], (await TasksAsync(http, "acme-co")).Select(t => t.GetProperty("playbook").GetString()).Order());
        var messages = await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);
        Assert.Equal([("tier-drop", "Green", "Yellow"), ("tier-drop", "Green", "Red")], messages.Select(Describe));
    }
}
