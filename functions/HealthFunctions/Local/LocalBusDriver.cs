using System.Text.Json;
using HealthFunctions.Dispatch;
using HealthFunctions.Messaging;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Local;

/// <summary>
/// Local mode's Service Bus trigger: takes messages from the playbooks subscription's Azurite queue and hands
/// them to the same handler the Functions host calls, with the broker's rules: an exception leaves the message
/// to be delivered again after the visibility timeout; past MaxDeliveryCount deliveries it goes to the poison
/// table, as dead-lettering would.
/// </summary>
public sealed partial class LocalBusDriver(
    IQueueServiceClient queues,
    TableNames names,
    DispatchPlaybooksFunction handler,
    PoisonStore poison,
    IOptions<PipelineOptions> options,
    ILogger<LocalBusDriver> logger) : BackgroundService
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Receives and handles one batch; returns how many messages it took (for tests and the loop's pacing).</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(names.SubscriptionQueue(options.Value.PlaybooksSubscription));
        var messages = await queue.ReceiveAsync(16, VisibilityTimeout, cancellationToken).ConfigureAwait(false);
        foreach (var m in messages)
        {
            await HandleAsync(queue, m, cancellationToken).ConfigureAwait(false);
        }

        return messages.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = await PollOnceAsync(stoppingToken).ConfigureAwait(false);
                idle = taken > 0 ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                if (taken > 0)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e);
                idle = TimeSpan.FromSeconds(2);
            }

            try
            {
                await Task.Delay(idle, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task HandleAsync(IQueueClient queue, QueueMessage m, CancellationToken cancellationToken)
    {
        LocalEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(m.Body.ToMemory().Span, AppJson.Default.LocalEnvelope);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        var received = envelope is null
            ? new ReceivedMessage(m.MessageId, m.Body, m.DequeueCount, null, new Dictionary<string, string>())
            : new ReceivedMessage(envelope.MessageId, BinaryData.FromBytes(envelope.Body), m.DequeueCount, envelope.ContentType, envelope.ApplicationProperties);

        if (envelope is null)
        {
            await poison.RecordAsync(DispatchPlaybooksFunction.Name, received, "Not a local bus envelope.", cancellationToken).ConfigureAwait(false);
        }
        else if (m.DequeueCount > options.Value.MaxDeliveryCount)
        {
            await poison.RecordAsync(DispatchPlaybooksFunction.Name, received, $"Delivered {m.DequeueCount} times without success.", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                await handler.HandleAsync(received, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDeliveryFailed(logger, e, received.MessageId, m.DequeueCount);
                return; // left on the queue: delivered again after the visibility timeout
            }
        }

        await queue.DeleteAsync(m.MessageId, m.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the local bus failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} failed on delivery {DeliveryCount}; it will be delivered again")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string? messageId, long deliveryCount);
}
