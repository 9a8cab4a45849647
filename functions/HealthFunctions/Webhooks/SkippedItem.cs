namespace HealthFunctions.Webhooks;

/// <summary>
/// Something a delivery carried that was not stored, and why: <see cref="Field"/> is the payload path (or <c>$</c>),
/// <see cref="Metric"/> and <see cref="AccountId"/> say which signal or profile it was, when known.
/// </summary>
public sealed record SkippedItem(string Field, string Reason, string? AccountId = null, string? Metric = null);
