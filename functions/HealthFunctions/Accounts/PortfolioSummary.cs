namespace HealthFunctions.Accounts;

/// <summary>The answer to <c>GET /api/portfolio</c>.</summary>
public sealed record PortfolioSummary(
    int Accounts,
    int Scored,
    double? AverageScore,
    IReadOnlyDictionary<string, int> ByTier,
    IReadOnlyDictionary<string, int> BySegment,
    IReadOnlyList<ScoreDrop> BiggestDrops);
