namespace CalibrationBench;

/// <summary>Top-decile lift as the backtest computes it: churn among the riskiest 10% over the base rate, ties broken by account id.</summary>
internal static class Ranking
{
    public static double Lift(IReadOnlyList<double> risk, IReadOnlyList<bool> churned, IReadOnlyList<string> ids)
    {
        var n = risk.Count;
        var decile = (int)Math.Ceiling(n * 0.1);
        var top = Enumerable.Range(0, n).OrderByDescending(i => risk[i]).ThenBy(i => ids[i], StringComparer.Ordinal).Take(decile);
        var baseRate = churned.Count(c => c) / (double)n;
        return top.Count(i => churned[i]) / (double)decile / baseRate;
    }
}
