using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>An account's score columns, without its signal state.</summary>
public sealed record AccountScoreLine(string AccountId, string? Name, string? Segment, double? Score, HealthTier? Tier, double? PreviousScore);
