using HealthFunctions.Ingestion;

namespace HealthFunctions.Webhooks;

/// <summary>A delivery after mapping: the source's own delivery id, the signals, and the profile updates (only the fields given).</summary>
public sealed record MappedDelivery(string DeliveryId, IReadOnlyList<Signal> Signals, IReadOnlyList<ProfileUpdate> Profiles);
