namespace HealthFunctions.Messaging.Local;

/// <summary>
/// How a topic message travels through an Azurite queue on the local bus (JSON, body base64). A dead-lettered one
/// also carries the reason, as Service Bus keeps DeadLetterReason and DeadLetterErrorDescription.
/// </summary>
public sealed record LocalEnvelope(
    string? MessageId,
    string? ContentType,
    string? CorrelationId,
    string? Subject,
    IReadOnlyDictionary<string, string> ApplicationProperties,
    byte[] Body,
    string? DeadLetterReason = null,
    string? DeadLetterErrorDescription = null,
    int? DeliveryCount = null);
