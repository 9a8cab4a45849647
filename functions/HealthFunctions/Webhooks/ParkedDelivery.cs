namespace HealthFunctions.Webhooks;

/// <summary>
/// A verified delivery kept in the parked list: nothing of it could be stored (<see cref="DeliveryStatus.Parked"/>) or
/// only part (<see cref="DeliveryStatus.Partial"/>), with the reasons (the first <see cref="ParkedDeliveries.MaxSkippedKept"/>
/// of <see cref="SkippedCount"/>) and the archived body it can be replayed from.
/// </summary>
public sealed record ParkedDelivery(string Source, string DeliveryId, DeliveryStatus Status, DateTimeOffset UpdatedAt, string Blob, int SkippedCount,
    IReadOnlyList<SkippedItem> Skipped);
