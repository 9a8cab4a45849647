using HealthFunctions.Storage.Queues;
using HealthFunctions.Storage.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class QueueClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly IQueueClient _queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(UniqueName.Queue());

    public async Task InitializeAsync() => await _queue.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateIfNotExists_CalledTwice_DoesNotThrow()
    {
        await _queue.CreateIfNotExistsAsync();
    }

    [Fact]
    public async Task Send_ThenReceive_RoundTripsBinaryBodyAndDelete_RemovesIt()
    {
        var body = new BinaryData(new byte[] { 0, 255, 60, 38, 62 });
        await _queue.SendAsync(body);

        var received = Assert.Single(await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
        await _queue.DeleteAsync(received.MessageId, received.PopReceipt);
        await _queue.DeleteAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(body.ToArray(), received.Body.ToArray());
        Assert.Equal(1, received.DequeueCount);
        Assert.True(received.InsertedOn > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Empty(await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Receive_AfterVisibilityTimeoutLapses_RedeliversWithHigherDequeueCount()
    {
        await _queue.SendAsync(BinaryData.FromString("retry me"));
        var first = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(1)));

        QueueMessage? second = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (second is null && DateTime.UtcNow < deadline)
        {
            second = (await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(30))).SingleOrDefault();
            if (second is null)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(second);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task Send_WithVisibilityDelay_HidesMessageUntilThen()
    {
        await _queue.SendAsync(BinaryData.FromString("later"), visibilityDelay: TimeSpan.FromMinutes(5));

        Assert.Empty(await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Send_OverMaximumBody_IsRejectedBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _queue.SendAsync(new BinaryData(new byte[QueueClient.MaxBodyBytes + 1])));
    }
}
