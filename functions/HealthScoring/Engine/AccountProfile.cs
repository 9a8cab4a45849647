namespace HealthScoring;

/// <summary>Who is being scored: selects the segment model and lifecycle weights (names match case-insensitively).</summary>
/// <param name="AccountId">The account's id (copied into the result).</param>
/// <param name="Segment">E.g. "Enterprise", "MidMarket", "SMB"; null or unknown uses the base model.</param>
/// <param name="LifecycleStage">E.g. "onboarding", "mature"; null or unknown applies no stage weights.</param>
public sealed record AccountProfile(string AccountId, string? Segment = null, string? LifecycleStage = null);
