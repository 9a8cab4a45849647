using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Messaging.Local;

/// <summary>
/// The local bus's score-changes topic, behind the same <see cref="ServiceBusSender"/> the app uses in Azure: each
/// message is copied to the Azurite queue of every subscription whose filter it passes (playbooks: the playbook kinds;
/// alerts: the alert kinds; downstream: everything), with the topic's duplicate detection: a message id sent within the last
/// <see cref="DuplicateWindow"/> is dropped, the send still succeeding, as Service Bus does.
/// </summary>
public sealed class LocalTopicSender : ServiceBusSender
{
    /// <summary>Name of the sample subscription that receives every score change.</summary>
    public const string DownstreamSubscription = "downstream";

    /// <summary>Largest batch, as on the Standard tier.</summary>
    public const long MaxBatchBytes = 256 * 1024;

    /// <summary>How long a message id is remembered (infra/ sets the topic's duplicateDetectionHistoryTimeWindow to P1D too).</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(1);

    private readonly QueueServiceClient _queues;
    private readonly TableClient _ids;
    private readonly TableNames _names;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConditionalWeakTable<ServiceBusMessageBatch, List<ServiceBusMessage>> _batches = [];

    /// <summary>Creates the sender.</summary>
    public LocalTopicSender(QueueServiceClient queues, TableServiceClient tables, TableNames names, IOptions<PipelineOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        _queues = queues;
        _ids = tables.GetTableClient(names.LocalBusMessageIds);
        _names = names;
        _options = options.Value;
        _clock = clock;
    }

    /// <summary>Every subscription of the local topic.</summary>
    public IReadOnlyList<string> Subscriptions => [_options.PlaybooksSubscription, DownstreamSubscription, _options.AlertsSubscription];

    /// <inheritdoc />
    public override string EntityPath => _options.ScoreChangesTopic;

    /// <inheritdoc />
    public override string FullyQualifiedNamespace => "local";

    /// <inheritdoc />
    public override bool IsClosed => false;

    /// <inheritdoc />
    public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default) =>
        SendMessagesAsync([message], cancellationToken);

    /// <inheritdoc />
    public override async Task SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await SendOneAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default) =>
        CreateMessageBatchAsync(new CreateMessageBatchOptions(), cancellationToken);

    /// <inheritdoc />
    public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CreateMessageBatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = Math.Min(options.MaxSizeInBytes ?? MaxBatchBytes, MaxBatchBytes);
        var store = new List<ServiceBusMessage>();
        long size = 0;
        var batch = ServiceBusModelFactory.ServiceBusMessageBatch(limit, store, options, message =>
        {
            var bytes = SizeOf(message);
            if (size + bytes > limit)
            {
                return false;
            }

            size += bytes;
            return true;
        });
        _batches.Add(batch, store);
        return ValueTask.FromResult(batch);
    }

    /// <inheritdoc />
    public override Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageBatch);
        return _batches.TryGetValue(messageBatch, out var store)
            ? SendMessagesAsync(store.ToList(), cancellationToken)
            : throw new ArgumentException("The batch was not created by this sender.", nameof(messageBatch));
    }

    /// <inheritdoc />
    public override Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task SendOneAsync(ServiceBusMessage message, CancellationToken cancellationToken)
    {
        var messageId = string.IsNullOrEmpty(message.MessageId) ? Guid.NewGuid().ToString("N") : message.MessageId;
        if (!await RememberAsync(messageId, cancellationToken).ConfigureAwait(false))
        {
            return; // a duplicate within the window: dropped, as the topic's duplicate detection does
        }

        var properties = message.ApplicationProperties.ToDictionary(
            p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
        var envelope = new LocalEnvelope(messageId, message.ContentType, message.CorrelationId, message.Subject, properties, message.Body.ToArray());
        var body = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(envelope, AppJson.Default.LocalEnvelope));
        try
        {
            foreach (var subscription in Subscriptions)
            {
                if (Passes(subscription, properties))
                {
                    await _queues.GetQueueClient(_names.SubscriptionQueue(subscription)).SendMessageAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            // Not accepted: forget the id, so the caller's retry is not dropped as a duplicate.
            await _ids.DeleteEntityAsync(EntityPath, RowKey(messageId), ETag.All, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether a message with these properties passes the subscription's filter (downstream takes every one).</summary>
    private bool Passes(string subscription, IReadOnlyDictionary<string, string> properties) =>
        subscription == _options.PlaybooksSubscription ? SubscriptionFilters.MatchesPlaybooks(properties)
        : subscription == _options.AlertsSubscription ? SubscriptionFilters.MatchesAlerts(properties)
        : true;

    /// <summary>Records the id atomically; false when it was sent within the window (another sender's record wins).</summary>
    private async Task<bool> RememberAsync(string messageId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var entity = new TableEntity(EntityPath, RowKey(messageId)) { ["MessageId"] = messageId, ["SentAt"] = now };
        try
        {
            await _ids.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _ids.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ["SentAt"], cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue || existing.Value!.GetDateTimeOffset("SentAt") is not { } sentAt || now - sentAt < DuplicateWindow)
            {
                return false;
            }

            try
            {
                await _ids.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException stale) when (stale.Status == 412)
            {
                return false;
            }
        }
    }

    /// <summary>The id itself when Table Storage accepts it as a key; a hash of it otherwise.</summary>
    private static string RowKey(string messageId) =>
        messageId.Length <= 256 && !messageId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? messageId
            : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));

    private static long SizeOf(ServiceBusMessage message) =>
        message.Body.ToMemory().Length + 256 + message.ApplicationProperties.Sum(p => p.Key.Length + (Convert.ToString(p.Value, CultureInfo.InvariantCulture)?.Length ?? 0) + 16);
}
