namespace HealthFunctions.Messaging;

/// <summary>How a topic message travels through an Azurite queue in local mode (JSON, body base64).</summary>
public sealed record LocalEnvelope(
    string? MessageId,
    string? ContentType,
    string? CorrelationId,
    string? Subject,
    IReadOnlyDictionary<string, string> ApplicationProperties,
    byte[] Body);
