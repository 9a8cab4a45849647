namespace HealthFunctions.Accounts;

/// <summary>
/// The answer to <c>GET /api/portfolio</c>: accounts by tier, by segment and by both; the average score; ARR at risk (the
/// ARR of Red and Yellow accounts); renewals in the next 30, 60 and 90 days by tier; the biggest drops and rises since
/// the previous day; and the daily trend of tier counts and average score.
/// </summary>
public sealed record PortfolioSummary(
    int Accounts,
    int Scored,
    double? AverageScore,
    IReadOnlyDictionary<string, int> ByTier,
    IReadOnlyDictionary<string, int> BySegment,
    IReadOnlyList<ScoreDrop> BiggestDrops,
    DateOnly AsOf,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> BySegmentTier,
    ArrAtRisk ArrAtRisk,
    IReadOnlyList<RenewalWindow> Renewals,
    IReadOnlyList<ScoreDrop> BiggestRises,
    IReadOnlyList<PortfolioDay> Trend);

/// <summary>The ARR of Red and Yellow accounts, and how many they are.</summary>
public sealed record ArrAtRisk(double Red, double Yellow, double Total, int Accounts, double PortfolioArr);

/// <summary>Accounts renewing from today to <see cref="Days"/> days ahead, by tier, with their ARR.</summary>
public sealed record RenewalWindow(int Days, int Accounts, double Arr, IReadOnlyDictionary<string, int> ByTier, IReadOnlyDictionary<string, double> ArrByTier);
