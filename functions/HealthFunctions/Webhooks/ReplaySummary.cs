namespace HealthFunctions.Webhooks;

/// <summary>
/// What a replay did. The selection (<see cref="Source"/>, the archive days <see cref="From"/>-<see cref="To"/>, the parked
/// <see cref="Status"/>, or one <see cref="DeliveryId"/>; what was not asked for is left out), the deliveries replayed, the
/// signals stored and recognised as repeats, the profiles updated, how many are (still) parked or partial, how many
/// bodies were missing from the archive, and the ids of up to 20 that stay parked.
/// </summary>
public sealed record ReplaySummary(
    string? Source,
    DateOnly? From,
    DateOnly? To,
    DeliveryStatus? Status,
    string? DeliveryId,
    int Deliveries,
    int Accepted,
    int Duplicates,
    int ProfilesUpdated,
    int Parked,
    int Partial,
    int Missing,
    IReadOnlyList<string> ParkedDeliveries);
