namespace HealthFunctions.Accounts;

/// <summary>One day of the portfolio as the full rescore of that day left it: accounts by tier and the average score.</summary>
public sealed record PortfolioDay(DateOnly Day, int Accounts, int Red, int Yellow, int Green, int Unscored, double? AverageScore);
