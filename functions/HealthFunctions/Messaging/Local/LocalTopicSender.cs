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
/// No message is lost to a crash between the steps: the id is first remembered as pending together with the message
/// (insert: one sender wins), then the message is sent, then the id is marked sent. A pending message is sent again by
/// <see cref="ResendPendingAsync"/> when the local bus starts, or by the next send of its id once it has been pending
/// longer than <see cref="PendingTimeout"/>. A crash after the send and before the mark means one more copy at most,
/// which consumers dedupe by message id (tasks are keyed by it), as they must with Service Bus too.
/// </summary>
public sealed partial class LocalTopicSender : ServiceBusSender
{
    /// <summary>How long a pending id blocks a send of the same id before that send takes it over (its sender is taken to have died).</summary>
    public static readonly TimeSpan PendingTimeout = TimeSpan.FromMinutes(1);

    private const string Pending = "pending";
    private const string Sent = "sent";

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
    private readonly LocalBusSteps _steps;
    private readonly ILogger<LocalTopicSender> _logger;

    /// <summary>Creates the sender.</summary>
    public LocalTopicSender(QueueServiceClient queues, TableServiceClient tables, TableNames names, IOptions<PipelineOptions> options, TimeProvider clock,
        LocalBusSteps steps, ILogger<LocalTopicSender> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        _queues = queues;
        _ids = tables.GetTableClient(names.LocalBusMessageIds);
        _names = names;
        _options = options.Value;
        _clock = clock;
        _steps = steps;
        _logger = logger;
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

    /// <summary>Sends every message still pending (its sender stopped between remembering and sending it); returns how many.</summary>
    public async Task<int> ResendPendingAsync(CancellationToken cancellationToken)
    {
        var resent = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {EntityPath} and State eq {Pending}");
        await foreach (var row in _ids.QueryAsync<TableEntity>(filter, 100, null, cancellationToken).ConfigureAwait(false))
        {
            if (row.GetBinary("Envelope") is not { } body)
            {
                continue;
            }

            ETag claimed;
            try
            {
                row["SentAt"] = _clock.GetUtcNow();
                claimed = (await _ids.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Headers.ETag ?? default;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                continue; // sent or taken over meanwhile
            }

            var envelope = JsonSerializer.Deserialize(body, AppJson.Default.LocalEnvelope)!;
            await DeliverAsync(envelope, BinaryData.FromBytes(body), cancellationToken).ConfigureAwait(false);
            await MarkSentAsync(row.RowKey, envelope.MessageId!, claimed, cancellationToken).ConfigureAwait(false);
            resent++;
        }

        if (resent > 0)
        {
            LogResent(_logger, resent);
        }

        return resent;
    }

    private async Task SendOneAsync(ServiceBusMessage message, CancellationToken cancellationToken)
    {
        var messageId = string.IsNullOrEmpty(message.MessageId) ? Guid.NewGuid().ToString("N") : message.MessageId;
        var properties = message.ApplicationProperties.ToDictionary(
            p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
        var envelope = new LocalEnvelope(messageId, message.ContentType, message.CorrelationId, message.Subject, properties, message.Body.ToArray());
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, AppJson.Default.LocalEnvelope);
        if (await RememberAsync(messageId, body, cancellationToken).ConfigureAwait(false) is not { } claim)
        {
            return; // a duplicate within the window: dropped, as the topic's duplicate detection does
        }

        await _steps.RememberedAsync(messageId, cancellationToken).ConfigureAwait(false);
        try
        {
            await DeliverAsync(envelope, BinaryData.FromBytes(body), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not accepted: forget the id, so the caller's retry is not dropped as a duplicate.
            await _ids.DeleteEntityAsync(EntityPath, RowKey(messageId), ETag.All, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await _steps.SentAsync(messageId, cancellationToken).ConfigureAwait(false);
        await MarkSentAsync(RowKey(messageId), messageId, claim, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the message to the queue of every subscription whose filter it passes.</summary>
    private async Task DeliverAsync(LocalEnvelope envelope, BinaryData body, CancellationToken cancellationToken)
    {
        foreach (var subscription in Subscriptions)
        {
            if (Passes(subscription, envelope.ApplicationProperties))
            {
                await _queues.GetQueueClient(_names.SubscriptionQueue(subscription)).SendMessageAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether a message with these properties passes the subscription's filter (downstream takes every one).</summary>
    private bool Passes(string subscription, IReadOnlyDictionary<string, string> properties) =>
        subscription == _options.PlaybooksSubscription ? SubscriptionFilters.MatchesPlaybooks(properties)
        : subscription == _options.AlertsSubscription ? SubscriptionFilters.MatchesAlerts(properties)
        : true;

    /// <summary>
    /// Remembers the id as pending, with the message, atomically; returns the row's ETag, or null when the id was sent within
    /// the window or another sender is sending it (another sender's record wins; one pending past <see cref="PendingTimeout"/> is taken over).
    /// </summary>
    private async Task<ETag?> RememberAsync(string messageId, byte[] body, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var entity = new TableEntity(EntityPath, RowKey(messageId)) { ["MessageId"] = messageId, ["SentAt"] = now, ["State"] = Pending, ["Envelope"] = body };
        try
        {
            return (await _ids.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)).Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _ids.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ["SentAt", "State"], cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue || existing.Value!.GetDateTimeOffset("SentAt") is not { } sentAt
                || now - sentAt < (existing.Value.GetString("State") == Pending ? PendingTimeout : DuplicateWindow))
            {
                return null;
            }

            try
            {
                return (await _ids.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Headers.ETag ?? default;
            }
            catch (RequestFailedException stale) when (stale.Status == 412)
            {
                return null;
            }
        }
    }

    /// <summary>Marks the id sent (dropping the kept message); a row another sender took over meanwhile is left to it.</summary>
    private async Task MarkSentAsync(string rowKey, string messageId, ETag claim, CancellationToken cancellationToken)
    {
        var sent = new TableEntity(EntityPath, rowKey) { ["MessageId"] = messageId, ["SentAt"] = _clock.GetUtcNow(), ["State"] = Sent };
        try
        {
            await _ids.UpdateEntityAsync(sent, claim, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Taken over (or cleaned up) meanwhile: the message went out; the row is the other sender's now.
        }
    }

    /// <summary>The id itself when Table Storage accepts it as a key; a hash of it otherwise.</summary>
    private static string RowKey(string messageId) =>
        messageId.Length <= 256 && !messageId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? messageId
            : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local bus: {Count} messages left pending by a stopped process were sent again")]
    private static partial void LogResent(ILogger logger, int count);

    private static long SizeOf(ServiceBusMessage message) =>
        message.Body.ToMemory().Length + 256 + message.ApplicationProperties.Sum(p => p.Key.Length + (Convert.ToString(p.Value, CultureInfo.InvariantCulture)?.Length ?? 0) + 16);
}
