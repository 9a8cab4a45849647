using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>An account whose score fell since its previous day's score.</summary>
public sealed record ScoreDrop(string AccountId, string? Name, double Score, double PreviousScore, double Delta, HealthTier? Tier);
