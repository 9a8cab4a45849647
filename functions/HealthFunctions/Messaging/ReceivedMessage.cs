namespace HealthFunctions.Messaging;

/// <summary>
/// A bus message as a trigger handler sees it, whether it came from the Functions host (Service Bus) or from
/// the local queue driver: the same shape, so the handler has one code path.
/// </summary>
public sealed record ReceivedMessage(
    string? MessageId,
    BinaryData Body,
    long DeliveryCount,
    string? ContentType,
    IReadOnlyDictionary<string, string> ApplicationProperties);
