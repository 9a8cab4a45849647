namespace HealthFunctions.Webhooks;

/// <summary>The 202 answer to a webhook: the delivery id, signals stored and recognised as repeats, profiles updated, and metrics the model does not read.</summary>
public sealed record WebhookResult(string Source, string DeliveryId, int Accepted, int Duplicates, int ProfilesUpdated, IReadOnlyList<string> UnmodeledMetrics);
