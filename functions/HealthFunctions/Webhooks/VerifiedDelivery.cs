namespace HealthFunctions.Webhooks;

/// <summary>
/// What a valid signature vouches for: the delivery id carried in headers (Standard Webhooks' webhook-id, else null)
/// and the signed timestamp (null for Segment, whose signature covers the body alone). With the message id, the signed
/// timestamp identifies one signed delivery: the replay guard keys on the pair.
/// </summary>
public sealed record VerifiedDelivery(string? HeaderDeliveryId, DateTimeOffset? SignedAt);
