using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using HealthFunctions.Alerts;
using HealthFunctions.Messaging;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Tests.EndToEnd;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Alerts;

/// <summary>
/// The alerts consumer end to end on the local bus, against a local receiver standing in for Slack and Teams: a tier drop
/// of an owned account goes to both, in their documented shapes, once; a receiver that fails keeps the change in the
/// subscription until it recovers (then the alert arrives once per destination), or dead-letters it past the delivery
/// count (kept, never lost); a 429 is retried after its Retry-After; a refusal dead-letters with the reason.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings(FakeReceiver receiver, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["HealthFunctions:Alerts:SlackWebhookUrl"] = receiver.Slack.AbsoluteUri,
            ["HealthFunctions:Alerts:TeamsWebhookUrl"] = receiver.Teams.AbsoluteUri,
            ["HealthFunctions:Alerts:DashboardUrl"] = "https://cs.example.com/api/dashboard/",
            ["HealthFunctions:Alerts:RetryDelayMilliseconds"] = "1",
            ["HealthFunctions:Alerts:Owners:dana:Slack"] = "U0DANA",
            ["HealthFunctions:Alerts:Owners:dana:Teams"] = "dana@contoso.com",
            ["HealthFunctions:Alerts:Owners:dana:Name"] = "Dana Reyes",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Acme (Enterprise, $240k, dana's) scored Green, then Red the next day: one tier-drop score change on the bus.</summary>
    private static async Task TierDropAsync(PipelineApp app, HttpClient http, string owner = "dana", double arr = 240_000)
    {
        await PutAsync(http, "acme", new { name = "Acme <Corp>", segment = "Enterprise", owner, arr, renewalDate = "2026-12-15" });
        await SignalsAsync(http, Signals.Green("acme", Now));
        await RescoreAsync(http);
        app.Clock.Set(Now.AddDays(1));
        await SignalsAsync(http, Signals.Red("acme", Now.AddDays(1)));
        await RescoreAsync(http);
    }

    private static Task<HealthFunctions.Dispatch.DrainSummary> DrainAsync(PipelineApp app) =>
        app.Services.GetRequiredService<AlertsDrain>().DrainAsync(CancellationToken.None);

    [Fact]
    public async Task TierDrop_IsPostedToSlackAndTeams_InTheirDocumentedShapes_WithLabelsAndTheNewTask_Once()
    {
        await using var receiver = await FakeReceiver.StartAsync();
        await using var app = new PipelineApp(azurite, Now, Settings(receiver));
        using var http = app.CreateClient();
        await TierDropAsync(app, http);

        await app.RunTimerAsync("SendAlerts");

        var slack = Assert.Single(receiver.Accepted("slack"));
        var teams = Assert.Single(receiver.Accepted("teams"));
        Assert.Empty(VendorShapes.SlackProblems(slack));
        Assert.Empty(VendorShapes.TeamsProblems(teams));
        var slackText = AllText(slack);
        Assert.Equal("Acme <Corp> dropped to Red", slack["blocks"]![0]!["text"]!["text"]!.GetValue<string>()); // plain text: as it is
        Assert.StartsWith("Acme &lt;Corp&gt; dropped to Red", slack["text"]!.GetValue<string>(), StringComparison.Ordinal); // mrkdwn: escaped
        Assert.Contains("*Owner*\n<@U0DANA>", slackText, StringComparison.Ordinal);
        Assert.Contains("Call the account", slackText, StringComparison.Ordinal); // the red-recovery task it opens
        Assert.Contains("Active users:", slackText, StringComparison.Ordinal); // labels, not ids
        Assert.DoesNotContain("active_users_pct", slackText, StringComparison.Ordinal);
        Assert.Contains("Tier Green → Red", slackText, StringComparison.Ordinal);
        Assert.Equal("https://cs.example.com/api/dashboard/#/account/acme", slack["blocks"]!.AsArray().Last()!["elements"]![0]!["url"]!.GetValue<string>());
        var card = teams["attachments"]![0]!["content"]!;
        Assert.Equal("dana@contoso.com", card["msteams"]!["entities"]![0]!["mentioned"]!["id"]!.GetValue<string>());
        Assert.Contains("<at>Dana Reyes</at>", AllText(card["body"]!), StringComparison.Ordinal);
        Assert.DoesNotContain("active_users_pct", AllText(teams), StringComparison.Ordinal);

        // The same score change again (a redelivery) sends nothing more: each destination once per message.
        var copies = (await BusQueues.Queue(app, "downstream").PeekMessagesAsync(32)).Value;
        var tierDrop = copies.Single(m => m.Body.ToString().Contains("\"kind\":\"tier-drop\"", StringComparison.Ordinal));
        await BusQueues.Queue(app, "alerts").SendMessageAsync(tierDrop.Body);
        var again = await DrainAsync(app);
        Assert.Equal(1, again.Completed);
        Assert.Single(receiver.Accepted("slack"));
        Assert.Single(receiver.Accepted("teams"));
    }

    [Fact]
    public async Task FailingReceiver_KeepsTheChangeInTheSubscription_ThenRecovers_AndEachDestinationGetsItOnce()
    {
        await using var receiver = await FakeReceiver.StartAsync();
        await using var app = new PipelineApp(azurite, Now, Settings(receiver));
        using var http = app.CreateClient();
        await TierDropAsync(app, http);
        receiver.Fail("teams"); // Slack takes it; Teams keeps failing

        var failed = await DrainAsync(app);

        Assert.Equal((1, 0, 1), (failed.Received, failed.Completed, failed.Abandoned));
        Assert.Single(receiver.Accepted("slack"));
        Assert.Equal(3, receiver.Attempts("teams")); // HealthFunctions:Alerts:Attempts, with backoff between them
        var stillThere = await DrainAsync(app); // delivered again: still failing, still kept
        Assert.Equal(1, stillThere.Abandoned);

        receiver.Recover();
        var recovered = await DrainAsync(app);

        Assert.Equal(1, recovered.Completed);
        Assert.Single(receiver.Accepted("slack")); // not sent twice
        Assert.Single(receiver.Accepted("teams"));
        Assert.Equal(0, (await DrainAsync(app)).Received);
        Assert.Empty(await AlertsReceiver(app).PeekDeadLettersAsync());
    }

    [Fact]
    public async Task ReceiverThatNeverRecovers_DeadLettersTheChangePastTheDeliveryCount_KeptNotLost()
    {
        await using var receiver = await FakeReceiver.StartAsync();
        var settings = Settings(receiver, ("HealthFunctions:MaxDeliveryCount", "2"), ("HealthFunctions:Alerts:Attempts", "1"));
        await using var app = new PipelineApp(azurite, Now, settings);
        using var http = app.CreateClient();
        await TierDropAsync(app, http);
        receiver.Fail("slack", 503);

        for (var run = 0; run < 3; run++)
        {
            await DrainAsync(app);
        }

        var dead = Assert.Single(await AlertsReceiver(app).PeekDeadLettersAsync());
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal("tier-drop", dead.ApplicationProperties[SubscriptionFilters.KindProperty]);
        Assert.Empty(receiver.Accepted("slack"));
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterItsRetryAfter_WithinTheRun()
    {
        await using var receiver = await FakeReceiver.StartAsync();
        await using var app = new PipelineApp(azurite, Now, Settings(receiver));
        using var http = app.CreateClient();
        await TierDropAsync(app, http);
        receiver.Fail("slack", 429, times: 1, retryAfter: "0");

        var run = await DrainAsync(app);

        Assert.Equal(1, run.Completed);
        Assert.Equal(2, receiver.Attempts("slack"));
        Assert.Single(receiver.Accepted("slack"));
    }

    [Fact]
    public async Task ARefusal_DeadLettersTheChangeWithTheReason_AndTheOtherDestinationStillGetsIt()
    {
        await using var receiver = await FakeReceiver.StartAsync();
        await using var app = new PipelineApp(azurite, Now, Settings(receiver));
        using var http = app.CreateClient();
        await TierDropAsync(app, http);
        receiver.Fail("slack", 404); // a revoked webhook: no retry helps

        var run = await DrainAsync(app);

        Assert.Equal(1, run.DeadLettered);
        Assert.Equal(1, receiver.Attempts("slack"));
        Assert.Single(receiver.Accepted("teams"));
        var dead = Assert.Single(await AlertsReceiver(app).PeekDeadLettersAsync());
        Assert.Equal("AlertRefused", dead.DeadLetterReason);
        Assert.Contains("404", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routing_LeavesOutAccountsBelowTheArrThreshold_OrOutsideTheSegments()
    {
        await using var receiver = await FakeReceiver.StartAsync();
        var settings = Settings(receiver, ("HealthFunctions:Alerts:MinArr", "500000"));
        await using var app = new PipelineApp(azurite, Now, settings);
        using var http = app.CreateClient();
        await TierDropAsync(app, http);

        var run = await DrainAsync(app);

        Assert.Equal(1, run.Completed);
        Assert.Equal(0, receiver.Attempts("slack") + receiver.Attempts("teams"));
    }

    [Fact]
    public async Task AChangeOfAKindThisVersionDoesNotKnow_IsCompletedWithoutAlert()
    {
        await using var receiver = await FakeReceiver.StartAsync();
        await using var app = new PipelineApp(azurite, Now, Settings(receiver));
        var body = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = "sc-future", ["source"] = ScoreChangedEvent.EventSource, ["type"] = ScoreChangedEvent.EventType,
            ["time"] = Now, ["subject"] = "acme", ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject
            {
                ["accountId"] = "acme", ["asOf"] = "2026-11-02", ["kind"] = "tier-plateau", ["currentTier"] = "Red", ["drivers"] = new JsonArray(),
                ["modelVersion"] = "v", ["cause"] = "signals", ["plateauDays"] = 30,
            },
        };
        // As a later version's filter would let it through to the subscription.
        var envelope = new LocalEnvelope("sc-future", "application/json", "sc-future", "tier-plateau",
            new Dictionary<string, string> { [SubscriptionFilters.KindProperty] = "tier-plateau" }, System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
        await BusQueues.Queue(app, "alerts").SendMessageAsync(BinaryData.FromBytes(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(envelope, AppJson.Default.LocalEnvelope)));

        var run = await DrainAsync(app);

        Assert.Equal((1, 1, 0), (run.Received, run.Completed, run.DeadLettered));
        Assert.Equal(0, receiver.Attempts("slack") + receiver.Attempts("teams"));
    }

    private static string AllText(JsonNode node) => VendorShapes.AllText(node);

    private static LocalSubscriptionReceiver AlertsReceiver(PipelineApp app) => (LocalSubscriptionReceiver)app.Services.GetRequiredService<AlertsDrain>().Receiver;
}
