namespace HealthFunctions.Webhooks;

/// <summary>
/// One source's mapping: where its own event id and event time are in the payload (a null event id path means the
/// webhook-id header), and the rules, each of which may produce one signal or one profile update.
/// </summary>
public sealed record SourceMapping(string? EventIdPath, string? TimestampPath, IReadOnlyList<MappingRule> Rules);
