using System.Globalization;
using System.Text.Json;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Queues;
using HealthFunctions.Storage.ServiceBus;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Messaging;

/// <summary>
/// Local mode's score-changes topic: each message is copied to the Azurite queue of every subscription whose
/// filter it passes (playbooks: the playbook kinds; downstream: everything), as Service Bus would.
/// </summary>
public sealed class LocalTopicSender(IQueueServiceClient queues, TableNames names, IOptions<PipelineOptions> options) : IServiceBusSender
{
    /// <summary>Name of the sample subscription that receives every score change.</summary>
    public const string DownstreamSubscription = "downstream";

    /// <inheritdoc />
    public string EntityPath => options.Value.ScoreChangesTopic;

    /// <inheritdoc />
    public async Task SendAsync(ServiceBusOutgoingMessage message, CancellationToken cancellationToken = default)
    {
        var properties = message.ApplicationProperties.ToDictionary(
            p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
        var envelope = new LocalEnvelope(message.MessageId, message.ContentType, message.CorrelationId, message.Subject, properties, message.Body.ToArray());
        var body = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(envelope, AppJson.Default.LocalEnvelope));
        if (SubscriptionFilters.MatchesPlaybooks(properties))
        {
            await queues.GetQueueClient(names.SubscriptionQueue(options.Value.PlaybooksSubscription)).SendAsync(body, null, null, cancellationToken).ConfigureAwait(false);
        }

        await queues.GetQueueClient(names.SubscriptionQueue(DownstreamSubscription)).SendAsync(body, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SendBatchAsync(IReadOnlyList<ServiceBusOutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
        {
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}
