using Azure.Messaging.ServiceBus;
using HealthFunctions.Messaging;
using HealthScoring;
using Moq;
using Xunit;

namespace HealthFunctions.Tests.Messaging;

public sealed class ScoreChangePublisherTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);

    private static ScoreChangedEvent Change(string accountId, TransitionKind kind = TransitionKind.TierDrop) =>
        ScoreChangedEvent.For(accountId, "SMB", Day,
            new Transition(kind, [kind], 85, HealthTier.Green, 40, HealthTier.Red, -45, null, null, [new Driver("nps", -12.5)]),
            "v1", new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));

    /// <summary>A sender whose batches hold <paramref name="batchBytes"/> bytes of bodies; records what each send carried.</summary>
    private static (Mock<ServiceBusSender> Sender, List<List<ServiceBusMessage>> Sent) Sender(long batchBytes)
    {
        var sender = new Mock<ServiceBusSender>(MockBehavior.Strict);
        var sent = new List<List<ServiceBusMessage>>();
        var stores = new Dictionary<ServiceBusMessageBatch, List<ServiceBusMessage>>();
        sender.Setup(s => s.CreateMessageBatchAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            var store = new List<ServiceBusMessage>();
            long size = 0;
            var batch = ServiceBusModelFactory.ServiceBusMessageBatch(batchBytes, store, new CreateMessageBatchOptions(), m =>
            {
                size += m.Body.ToMemory().Length;
                return size <= batchBytes;
            });
            stores[batch] = store;
            return batch;
        });
        sender.Setup(s => s.SendMessagesAsync(It.IsAny<ServiceBusMessageBatch>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusMessageBatch b, CancellationToken _) => sent.Add([.. stores[b]]))
            .Returns(Task.CompletedTask);
        return (sender, sent);
    }

    [Fact]
    public async Task Publish_SendsCloudEvents_WithDeterministicIds_AndFilterProperties()
    {
        var (sender, sent) = Sender(256 * 1024);
        var change = Change("acme");

        var requests = await new ScoreChangePublisher(sender.Object).PublishAsync([change], CancellationToken.None);

        Assert.Equal(1, requests);
        var message = Assert.Single(Assert.Single(sent));
        Assert.Equal(ScoreChangedEvent.IdFor("acme", Day, "tier-drop:Green:Red:signals"), message.MessageId);
        Assert.Equal(change.Id, message.MessageId);
        Assert.Equal(ScoreChangedEvent.ContentType, message.ContentType);
        Assert.Equal("tier-drop", message.Subject);
        Assert.Equal("tier-drop", message.ApplicationProperties[SubscriptionFilters.KindProperty]);
        Assert.Equal("Red", message.ApplicationProperties["tier"]);
        Assert.Equal("Green", message.ApplicationProperties["previousTier"]);
        Assert.Equal("signals", message.ApplicationProperties[SubscriptionFilters.CauseProperty]);
        Assert.Contains("\"specversion\":\"1.0\"", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_SplitsIntoBatchesTheBrokerAccepts_InOrder()
    {
        var changes = Enumerable.Range(0, 10).Select(i => Change($"acct-{i}")).ToList();
        var oneBody = ScoreChangePublisher.ToMessage(changes[0]).Body.ToMemory().Length;
        var (sender, sent) = Sender(oneBody * 4 + oneBody / 2);

        var requests = await new ScoreChangePublisher(sender.Object).PublishAsync(changes, CancellationToken.None);

        Assert.Equal(3, requests);
        Assert.Equal([4, 4, 2], sent.Select(b => b.Count));
        Assert.Equal(changes.Select(c => c.Id), sent.SelectMany(b => b).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Publish_Nothing_SendsNothing()
    {
        var (sender, sent) = Sender(1024);

        Assert.Equal(0, await new ScoreChangePublisher(sender.Object).PublishAsync([], CancellationToken.None));
        Assert.Empty(sent);
        sender.Verify(s => s.CreateMessageBatchAsync(It.IsAny<CancellationToken>()), Times.Never);
    }
}
