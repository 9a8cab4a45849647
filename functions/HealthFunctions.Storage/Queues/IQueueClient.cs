namespace HealthFunctions.Storage.Queues;

/// <summary>
/// One storage queue. Message bodies are base64-encoded on the wire (the Functions queue trigger default),
/// so any bytes round-trip.
/// </summary>
public interface IQueueClient
{
    /// <summary>The queue's name.</summary>
    string Name { get; }

    /// <summary>Creates the queue; an existing one is not an error.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Enqueues a message (at most 48 KiB of body before base64), optionally invisible for a while.</summary>
    Task SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default);

    /// <summary>Dequeues up to <paramref name="maxMessages"/> (1-32), hiding them for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message; one already gone is not an error.</summary>
    Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default);
}
