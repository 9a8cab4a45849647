namespace HealthFunctions.Webhooks;

/// <summary>
/// The 202 answer to a verified delivery: what became of it (<see cref="Status"/>), the signals stored and recognised as
/// repeats, the profiles updated, what was skipped and why, the metrics the model does not read, and the payload paths
/// whose text held an unpaired surrogate escape (replaced with U+FFFD).
/// </summary>
public sealed record WebhookResult(
    string Source,
    string DeliveryId,
    DeliveryStatus Status,
    int Accepted,
    int Duplicates,
    int ProfilesUpdated,
    IReadOnlyList<SkippedItem> Skipped,
    IReadOnlyList<string> UnmodeledMetrics,
    IReadOnlyList<string> Repaired);
