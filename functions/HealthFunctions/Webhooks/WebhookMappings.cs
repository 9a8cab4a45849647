namespace HealthFunctions.Webhooks;

/// <summary>The webhook mapping: per source, how a delivery becomes signals and profile updates (default-webhooks.json).</summary>
public sealed record WebhookMappings(string Version, IReadOnlyDictionary<string, SourceMapping> Sources);
