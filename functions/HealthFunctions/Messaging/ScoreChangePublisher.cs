using System.Text.Json;
using HealthFunctions.Storage.ServiceBus;

namespace HealthFunctions.Messaging;

/// <summary>Sends score-change events to the topic, in batches, with the change kind and tiers as application properties for subscription filters.</summary>
public sealed class ScoreChangePublisher(IServiceBusSender topic)
{
    /// <summary>Messages per batch request (well under the 256 KiB Standard-tier batch limit for ~1 KiB events).</summary>
    public const int BatchSize = 100;

    /// <summary>Publishes events; returns the requests made.</summary>
    public async Task<int> PublishAsync(IReadOnlyList<ScoreChangedEvent> events, CancellationToken cancellationToken)
    {
        var requests = 0;
        foreach (var batch in events.Chunk(BatchSize))
        {
            var messages = batch.Select(ToMessage).ToList();
            if (messages.Count == 1)
            {
                await topic.SendAsync(messages[0], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await topic.SendBatchAsync(messages, cancellationToken).ConfigureAwait(false);
            }

            requests++;
        }

        return requests;
    }

    /// <summary>The Service Bus message for an event.</summary>
    public static ServiceBusOutgoingMessage ToMessage(ScoreChangedEvent e)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [SubscriptionFilters.KindProperty] = e.Data.Kind,
            ["tier"] = e.Data.CurrentTier?.ToString() ?? "none",
            ["previousTier"] = e.Data.PreviousTier?.ToString() ?? "none",
        };
        return new ServiceBusOutgoingMessage(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(e, AppJson.Default.ScoreChangedEvent)))
        {
            MessageId = e.Id,
            ContentType = ScoreChangedEvent.ContentType,
            CorrelationId = e.Id,
            Subject = e.Data.Kind,
            ApplicationProperties = properties,
        };
    }
}
