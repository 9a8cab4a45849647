using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace HealthFunctions.Messaging;

/// <summary>
/// Sends score-change events to the topic in size-checked batches, with the change kind, tiers and cause as application
/// properties for subscription filters, and the event id as message id for duplicate detection.
/// </summary>
public sealed class ScoreChangePublisher(ServiceBusSender topic)
{
    /// <summary>Publishes events; returns the send requests made.</summary>
    public async Task<int> PublishAsync(IReadOnlyList<ScoreChangedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var pending = new Queue<ServiceBusMessage>(events.Select(ToMessage));
        var requests = 0;
        while (pending.Count > 0)
        {
            using var batch = await topic.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
            while (pending.Count > 0 && batch.TryAddMessage(pending.Peek()))
            {
                pending.Dequeue();
            }

            if (batch.Count == 0)
            {
                throw new InvalidOperationException($"Score-change message {pending.Peek().MessageId} is larger than a batch may be.");
            }

            await topic.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
            requests++;
        }

        return requests;
    }

    /// <summary>The Service Bus message for an event.</summary>
    public static ServiceBusMessage ToMessage(ScoreChangedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = new ServiceBusMessage(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(e, AppJson.Default.ScoreChangedEvent)))
        {
            MessageId = e.Id,
            ContentType = ScoreChangedEvent.ContentType,
            CorrelationId = e.Id,
            Subject = e.Data.Kind,
        };
        message.ApplicationProperties[SubscriptionFilters.KindProperty] = e.Data.Kind;
        message.ApplicationProperties["tier"] = e.Data.CurrentTier?.ToString() ?? "none";
        message.ApplicationProperties["previousTier"] = e.Data.PreviousTier?.ToString() ?? "none";
        message.ApplicationProperties[SubscriptionFilters.CauseProperty] = e.Data.Cause ?? "signals";
        return message;
    }
}
