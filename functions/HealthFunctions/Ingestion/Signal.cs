namespace HealthFunctions.Ingestion;

/// <summary>
/// One validated signal. <see cref="EventId"/> is the sender's id, or, when the sender gave a timestamp but no
/// id, one derived from the content, so that a retried post is not counted twice.
/// </summary>
public sealed record Signal(string AccountId, string Metric, double Value, DateTimeOffset Timestamp, string? EventId, string? Source);
