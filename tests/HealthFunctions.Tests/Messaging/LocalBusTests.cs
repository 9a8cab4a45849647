using Azure.Messaging.ServiceBus;
using HealthFunctions.Messaging;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Messaging;

/// <summary>The local stand-in for the score-changes topic keeps the broker's rules, on Azurite queues.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalBusTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static ServiceBusMessage Change(string id, string kind = "tier-drop")
    {
        var message = new ServiceBusMessage(BinaryData.FromString($"{{\"id\":\"{id}\"}}")) { MessageId = id, ContentType = "application/json" };
        message.ApplicationProperties[SubscriptionFilters.KindProperty] = kind;
        return message;
    }

    private static async Task<List<ServiceBusReceivedMessage>> ReceiveAll(ServiceBusReceiver receiver)
    {
        var all = new List<ServiceBusReceivedMessage>();
        while ((await receiver.ReceiveMessagesAsync(32)) is { Count: > 0 } batch)
        {
            all.AddRange(batch);
        }

        return all;
    }

    [Fact]
    public async Task Topic_DropsAMessageIdSentBefore_WithinTheWindow_AndRoutesByFilter()
    {
        await using var app = new PipelineApp(azurite, Now);
        var topic = app.Services.GetRequiredService<ServiceBusSender>();
        var receiver = app.Services.GetRequiredService<ServiceBusReceiver>();

        await topic.SendMessagesAsync([Change("sc-1"), Change("sc-2", "unchanged")]);
        await topic.SendMessageAsync(Change("sc-1")); // a rerun after a crash republishes the same id
        app.Clock.Advance(TimeSpan.FromHours(23));
        await topic.SendMessageAsync(Change("sc-1"));

        var received = await ReceiveAll(receiver);
        var only = Assert.Single(received); // "unchanged" does not pass the playbooks filter; the repeats are dropped
        Assert.Equal("sc-1", only.MessageId);
        Assert.Equal("tier-drop", only.ApplicationProperties[SubscriptionFilters.KindProperty]);
        Assert.Equal("{\"id\":\"sc-1\"}", only.Body.ToString());
        Assert.Equal(1, only.DeliveryCount);
        await receiver.CompleteMessageAsync(only);

        app.Clock.Advance(TimeSpan.FromHours(2)); // past the one-day window: a new message with the same id
        await topic.SendMessageAsync(Change("sc-1"));
        Assert.Equal("sc-1", Assert.Single(await ReceiveAll(receiver)).MessageId);
    }

    [Fact]
    public async Task Topic_Batch_DeliversEveryMessage()
    {
        await using var app = new PipelineApp(azurite, Now);
        var topic = app.Services.GetRequiredService<ServiceBusSender>();
        using var batch = await topic.CreateMessageBatchAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(batch.TryAddMessage(Change($"sc-b{i}")));
        }

        await topic.SendMessagesAsync(batch);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"sc-b{i}"), (await ReceiveAll(app.Services.GetRequiredService<ServiceBusReceiver>())).Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task Subscription_Abandon_Redelivers_AndPastMaxDeliveryCount_DeadLetters()
    {
        await using var app = new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["HealthFunctions:MaxDeliveryCount"] = "2" });
        var receiver = (LocalSubscriptionReceiver)app.Services.GetRequiredService<ServiceBusReceiver>();
        await app.Services.GetRequiredService<ServiceBusSender>().SendMessageAsync(Change("sc-poison"));

        var first = Assert.Single(await receiver.ReceiveMessagesAsync(8));
        await receiver.AbandonMessageAsync(first);
        var second = Assert.Single(await receiver.ReceiveMessagesAsync(8));
        await receiver.AbandonMessageAsync(second);
        var third = await receiver.ReceiveMessagesAsync(8);

        Assert.Equal((1, 2), (first.DeliveryCount, second.DeliveryCount));
        Assert.Empty(third);
        var dead = Assert.Single(await receiver.PeekDeadLettersAsync());
        Assert.Equal(("sc-poison", "MaxDeliveryCountExceeded", 2), (dead.MessageId, dead.DeadLetterReason, dead.DeliveryCount));
    }

    [Fact]
    public async Task Subscription_DeadLetter_KeepsTheReason_AndCompleteRemoves_AndALockIsSettledOnce()
    {
        await using var app = new PipelineApp(azurite, Now);
        var receiver = (LocalSubscriptionReceiver)app.Services.GetRequiredService<ServiceBusReceiver>();
        var topic = app.Services.GetRequiredService<ServiceBusSender>();
        await topic.SendMessagesAsync([Change("sc-dead"), Change("sc-done")]);

        var received = (await receiver.ReceiveMessagesAsync(8)).OrderBy(m => m.MessageId).ToList();
        await receiver.DeadLetterMessageAsync(received[0], "NotAScoreChange", "unreadable");
        await receiver.CompleteMessageAsync(received[1]);
        var settledTwice = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(received[1]));

        Assert.Equal(ServiceBusFailureReason.MessageLockLost, settledTwice.Reason);
        Assert.Empty(await receiver.ReceiveMessagesAsync(8));
        var dead = Assert.Single(await receiver.PeekDeadLettersAsync());
        Assert.Equal(("sc-dead", "NotAScoreChange", "unreadable"), (dead.MessageId, dead.DeadLetterReason, dead.DeadLetterErrorDescription));
    }
}
