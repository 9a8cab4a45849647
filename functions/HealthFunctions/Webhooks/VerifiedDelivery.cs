namespace HealthFunctions.Webhooks;

/// <summary>
/// What a valid signature tells: the delivery id carried in headers (Standard Webhooks' webhook-id, else null) and
/// the replay key, which identifies this exact signed delivery (null for Segment, whose signature has no timestamp).
/// </summary>
public sealed record VerifiedDelivery(string? HeaderDeliveryId, string? ReplayKey);
