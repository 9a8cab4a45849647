using System.Net.Http.Json;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using HealthFunctions.Dispatch;
using HealthFunctions.Messaging;
using HealthFunctions.Settings;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using HealthScoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace HealthFunctions.Tests.Dispatch;

/// <summary>
/// DispatchPlaybooks' drain against a mocked ServiceBusReceiver (messages from ServiceBusModelFactory), with the real
/// dispatcher and stores on Azurite: complete what was handled, dead-letter what never can be, abandon on a transient
/// failure, stop when empty or when the time budget is spent.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SubscriptionDrainTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static ServiceBusReceivedMessage Message(BinaryData body, string id, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(body: body, messageId: id, contentType: ScoreChangedEvent.ContentType,
            lockTokenGuid: Guid.NewGuid(), deliveryCount: deliveryCount);

    private static ServiceBusReceivedMessage TierDrop(string accountId) => Change(accountId, TransitionKind.TierDrop, DateOnly.FromDateTime(Now.UtcDateTime));

    private static ServiceBusReceivedMessage Change(string accountId, TransitionKind kind, DateOnly day)
    {
        var e = ScoreChangedEvent.For(accountId, "MidMarket", day,
            new Transition(kind, [kind], 85, HealthTier.Green, 40, HealthTier.Red, -45, null, null, []), "default-2026.11.1", Now);
        return Message(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(e, AppJson.Default.ScoreChangedEvent)), e.Id);
    }

    private static Mock<ServiceBusReceiver> Receiver(params IReadOnlyList<ServiceBusReceivedMessage>[] batches)
    {
        var receiver = new Mock<ServiceBusReceiver>(MockBehavior.Strict);
        var sequence = receiver.SetupSequence(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()));
        foreach (var batch in batches)
        {
            sequence = sequence.ReturnsAsync(batch);
        }

        sequence.ReturnsAsync([]);
        receiver.Setup(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        receiver.Setup(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        receiver.Setup(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return receiver;
    }

    private static SubscriptionDrain Drain(PipelineApp app, ServiceBusReceiver receiver) =>
        new(receiver, app.Services.GetRequiredService<PlaybookDispatcher>(), app.Services.GetRequiredService<IOptions<PipelineOptions>>(), app.Clock,
            NullLogger<SubscriptionDrain>.Instance);

    [Fact]
    public async Task Drain_CompletesHandledMessages_DeadLettersUnreadableOnes_UntilEmpty()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var good = TierDrop("acme");
        var garbage = Message(BinaryData.FromString("not a cloud event"), "m-garbage");
        var receiver = Receiver([good, garbage]);

        var summary = await Drain(app, receiver.Object).DrainAsync(CancellationToken.None);

        Assert.Equal(new DrainSummary(2, 1, 1, 0, false), summary);
        receiver.Verify(r => r.CompleteMessageAsync(good, It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.DeadLetterMessageAsync(garbage, "NotAScoreChange", It.Is<string>(d => d.Contains("CloudEvent")), It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        var tasks = await http.GetFromJsonAsync<JsonElement>("/api/tasks?accountId=acme");
        Assert.Equal("red-recovery", Assert.Single(tasks.GetProperty("tasks").EnumerateArray()).GetProperty("playbook").GetString());
    }

    [Fact]
    public async Task ALaterChangeForAnOpenPlaybook_AddsNoSecondTask_UntilTheFirstIsClosed()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        var dispatcher = app.Services.GetRequiredService<PlaybookDispatcher>();

        await dispatcher.HandleAsync(Change("acme", TransitionKind.TierDrop, day), CancellationToken.None);
        await dispatcher.HandleAsync(Change("acme", TransitionKind.SharpDecline, day.AddDays(1)), CancellationToken.None);
        var first = Assert.Single((await http.GetFromJsonAsync<JsonElement>("/api/tasks?accountId=acme")).GetProperty("tasks").EnumerateArray());
        Assert.Equal(("red-recovery", "tier-drop"), (first.GetProperty("playbook").GetString(), first.GetProperty("transitionKind").GetString()));

        // Redelivering the first message is still idempotent, and once the task is done a new drop starts a new one.
        await dispatcher.HandleAsync(Change("acme", TransitionKind.TierDrop, day), CancellationToken.None);
        var done = await http.PatchAsJsonAsync($"/api/tasks/{first.GetProperty("taskId").GetString()}", new { status = "done" });
        Assert.True(done.IsSuccessStatusCode);
        await dispatcher.HandleAsync(Change("acme", TransitionKind.TierDrop, day.AddDays(9)), CancellationToken.None);
        var all = (await http.GetFromJsonAsync<JsonElement>("/api/tasks?accountId=acme")).GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(2, all.Count);
        Assert.Single(all, t => t.GetProperty("status").GetString() == "open");
    }

    [Fact]
    public async Task Drain_TransientFailure_AbandonsTheMessage_AndLeavesTheRestForTheNextRun()
    {
        // The outbound task webhook refuses connections: handling throws, so the message must come back.
        await using var app = new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["HealthFunctions:TaskWebhookUrl"] = "http://127.0.0.1:9/hook" });
        var failing = TierDrop("globex");
        var later = TierDrop("initech");
        var receiver = Receiver([failing], [later]);

        var summary = await Drain(app, receiver.Object).DrainAsync(CancellationToken.None);

        Assert.Equal(new DrainSummary(1, 0, 0, 1, false), summary);
        receiver.Verify(r => r.AbandonMessageAsync(failing, null, It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        receiver.Verify(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Drain_StopsWhenTheTimeBudgetIsSpent()
    {
        await using var app = new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["HealthFunctions:DispatchBudgetSeconds"] = "25" });
        var receiver = new Mock<ServiceBusReceiver>();
        receiver.Setup(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback(() => app.Clock.Advance(TimeSpan.FromSeconds(10)))
            .ReturnsAsync(() => [TierDrop("acme")]);

        var summary = await Drain(app, receiver.Object).DrainAsync(CancellationToken.None);

        Assert.True(summary.BudgetSpent);
        Assert.Equal(3, summary.Received); // 10 s, 20 s, 30 s: the third receive ends past the 25 s budget
        Assert.Equal(3, summary.Completed);
    }
}
