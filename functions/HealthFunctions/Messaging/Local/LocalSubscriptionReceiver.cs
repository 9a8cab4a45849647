using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Messaging.Local;

/// <summary>
/// A subscription of the local bus (playbooks, alerts), behind the same <see cref="ServiceBusReceiver"/> (peek-lock) the app uses in
/// Azure, with the broker's rules on an Azurite queue: a received message is hidden for <see cref="LockDuration"/>;
/// complete deletes it; abandon makes it visible again at once; a lock that runs out redelivers it; past
/// MaxDeliveryCount deliveries it moves to the dead-letter queue, as does a dead-letter call, with its reason.
/// </summary>
public sealed class LocalSubscriptionReceiver : ServiceBusReceiver
{
    /// <summary>How long a received message stays hidden (the subscription's lockDuration in infra/ is PT1M too).</summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(1);

    private readonly QueueClient _queue;
    private readonly QueueClient _deadLetters;
    private readonly PipelineOptions _options;
    private readonly string _subscription;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<Guid, (string MessageId, string PopReceipt, LocalEnvelope Envelope)> _locks = new();

    /// <summary>Creates the receiver for the playbooks subscription.</summary>
    public LocalSubscriptionReceiver(QueueServiceClient queues, TableNames names, IOptions<PipelineOptions> options, TimeProvider clock)
        : this(queues, names, options, clock, (options ?? throw new ArgumentNullException(nameof(options))).Value.PlaybooksSubscription)
    {
    }

    /// <summary>Creates the receiver for <paramref name="subscription"/> (the alerts one, say).</summary>
    public LocalSubscriptionReceiver(QueueServiceClient queues, TableNames names, IOptions<PipelineOptions> options, TimeProvider clock, string subscription)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _subscription = subscription;
        _queue = queues.GetQueueClient(names.SubscriptionQueue(subscription));
        _deadLetters = queues.GetQueueClient(names.DeadLetterQueue(subscription));
        _clock = clock;
    }

    /// <inheritdoc />
    public override string EntityPath => $"{_options.ScoreChangesTopic}/Subscriptions/{_subscription}";

    /// <inheritdoc />
    public override string FullyQualifiedNamespace => "local";

    /// <inheritdoc />
    public override ServiceBusReceiveMode ReceiveMode => ServiceBusReceiveMode.PeekLock;

    /// <inheritdoc />
    public override bool IsClosed => false;

    /// <summary>Takes up to <paramref name="maxMessages"/> visible messages (it does not wait for more to arrive).</summary>
    public override async Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan? maxWaitTime = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var taken = await _queue.ReceiveMessagesAsync(Math.Min(maxMessages, 32), LockDuration, cancellationToken).ConfigureAwait(false);
        var received = new List<ServiceBusReceivedMessage>(taken.Value.Length);
        foreach (var m in taken.Value)
        {
            var envelope = Read(m);
            if (m.DequeueCount > _options.MaxDeliveryCount)
            {
                await MoveToDeadLettersAsync(m.MessageId, m.PopReceipt, envelope, "MaxDeliveryCountExceeded",
                    $"Delivered {m.DequeueCount - 1} times without being completed.", (int)m.DequeueCount - 1, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var lockToken = Guid.NewGuid();
            _locks[lockToken] = (m.MessageId, m.PopReceipt, envelope);
            received.Add(ServiceBusModelFactory.ServiceBusReceivedMessage(
                body: BinaryData.FromBytes(envelope.Body),
                messageId: envelope.MessageId,
                correlationId: envelope.CorrelationId,
                subject: envelope.Subject,
                contentType: envelope.ContentType,
                properties: envelope.ApplicationProperties.ToDictionary(p => p.Key, p => (object)p.Value, StringComparer.Ordinal),
                lockTokenGuid: lockToken,
                deliveryCount: (int)m.DequeueCount,
                lockedUntil: _clock.GetUtcNow() + LockDuration,
                enqueuedTime: m.InsertedOn ?? _clock.GetUtcNow()));
        }

        return received;
    }

    /// <inheritdoc />
    public override async Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        var held = Release(message);
        await _queue.DeleteMessageAsync(held.MessageId, held.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default)
    {
        var held = Release(message);
        await _queue.UpdateMessageAsync(held.MessageId, held.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, string deadLetterReason, string? deadLetterErrorDescription = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var held = Release(message);
        await MoveToDeadLettersAsync(held.MessageId, held.PopReceipt, held.Envelope, deadLetterReason, deadLetterErrorDescription, message.DeliveryCount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the dead-letter queue without removing anything (for the local console and tests).</summary>
    public async Task<IReadOnlyList<LocalEnvelope>> PeekDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        var peeked = await _deadLetters.PeekMessagesAsync(32, cancellationToken).ConfigureAwait(false);
        return peeked.Value.Select(m => JsonSerializer.Deserialize(m.Body.ToMemory().Span, AppJson.Default.LocalEnvelope)!).ToList();
    }

    /// <inheritdoc />
    public override Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private (string MessageId, string PopReceipt, LocalEnvelope Envelope) Release(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Guid.TryParse(message.LockToken, out var token) && _locks.TryRemove(token, out var held)
            ? held
            : throw new ServiceBusException("The message's lock is not held by this receiver (already settled, or received elsewhere).",
                ServiceBusFailureReason.MessageLockLost, EntityPath);
    }

    private async Task MoveToDeadLettersAsync(string messageId, string popReceipt, LocalEnvelope envelope, string reason, string? description,
        int deliveryCount, CancellationToken cancellationToken)
    {
        var dead = envelope with { DeadLetterReason = reason, DeadLetterErrorDescription = description, DeliveryCount = deliveryCount };
        await _deadLetters.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(dead, AppJson.Default.LocalEnvelope)),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The envelope, or (for bytes that are not one) the raw bytes with no properties: the handler dead-letters those.</summary>
    private static LocalEnvelope Read(QueueMessage m)
    {
        try
        {
            if (JsonSerializer.Deserialize(m.Body.ToMemory().Span, AppJson.Default.LocalEnvelope) is { Body: not null, ApplicationProperties: not null } envelope)
            {
                return envelope;
            }
        }
        catch (JsonException)
        {
        }

        return new LocalEnvelope(m.MessageId, null, null, null, new Dictionary<string, string>(), m.Body.ToArray());
    }
}
