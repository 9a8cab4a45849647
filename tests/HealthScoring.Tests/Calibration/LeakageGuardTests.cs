using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

/// <summary>An outcome never sees anything recorded after its lead-time cut-off.</summary>
public sealed class LeakageGuardTests
{
    [Fact]
    public void Backtest_IgnoresHistoryAndSignalsAfterTheCutoff_EvenWhenTheyWouldFlipTheResult()
    {
        var clean = SyntheticPortfolio.Generate(400, seed: 21);
        // Plant the answer after the 60-day cut-off: churners look terrible and renewers perfect, 30 days before the outcome.
        var leaky = clean.Select(c =>
        {
            var day = c.Outcome.Date.AddDays(-30);
            var value = c.Outcome.IsChurn ? 100.0 : 0.0; // inverted on purpose: would flip the AUC below 0.5
            var series = SyntheticPortfolio.Metrics.ToDictionary(m => m.Name, m =>
            {
                c.Signals.TryGet(m.Name, out var before);
                return before.Append(DailyBucket.Of(day, value)).ToArray();
            });
            var signals = new SignalHistory(series);
            var planted = SyntheticPortfolio.Point(SyntheticPortfolio.Model, c.Profile, signals, day);
            return c with { Signals = signals, History = [.. c.History, planted] };
        }).ToList();

        var before = Backtester.Run(SyntheticPortfolio.Model, clean, [60]).LeadTimes[0];
        var after = Backtester.Run(SyntheticPortfolio.Model, leaky, [60]).LeadTimes[0];

        Assert.True(before.Auc > 0.65, $"AUC {before.Auc}");
        Assert.Equal(before.Auc, after.Auc);
        Assert.Equal(before.Features, after.Features);
        Assert.Equal(before.Tiers, after.Tiers);

        // Had the guard let the planted rows through, the ranking would be inverted.
        var seenLate = Backtester.Run(SyntheticPortfolio.Model, leaky, [20]).LeadTimes[0];
        Assert.True(seenLate.Auc < 0.3, $"AUC {seenLate.Auc}");
    }

    [Fact]
    public void Row_TakesTheLatestHistoryOnOrBeforeTheCutoff_AndCutsTheBuckets()
    {
        var outcome = new RenewalOutcome("a1", new DateOnly(2026, 9, 30), OutcomeKind.Churned);
        var cutoff = outcome.Date.AddDays(-60);
        var points = new[] { cutoff.AddDays(-10), cutoff, cutoff.AddDays(1) }
            .Select((d, i) => new HistoryPoint(d, 10 + i, HealthTier.Red, new Dictionary<string, double?>())).ToList();
        var signals = new SignalHistory(new Dictionary<string, DailyBucket[]>
        {
            ["a"] = [DailyBucket.Of(cutoff.AddDays(-3), 20), DailyBucket.Of(cutoff, 30), DailyBucket.Of(cutoff.AddDays(1), 99)],
        });

        var row = AsOf.Row(SyntheticPortfolio.Model, new BacktestCase(outcome, new AccountProfile("a1"), points, signals), 60, out var why);

        Assert.Equal(Exclusion.None, why);
        Assert.Equal(cutoff, row!.Cutoff);
        Assert.Equal(11, row.Score);
        Assert.Equal(30, row.Metrics["a"]);
        row.SignalsAsOf.TryGet("a", out var kept);
        Assert.All(kept, b => Assert.True(b.Day <= cutoff));
    }

    [Fact]
    public void Backtest_AsOf_ScoresFromTheSignalsAlone_AndStillIgnoresEverythingAfterTheCutoff()
    {
        var clean = SyntheticPortfolio.Generate(400, seed: 22).Select(c => c with { History = [] }).ToList();
        var leaky = clean.Select(c =>
        {
            var day = c.Outcome.Date.AddDays(-30);
            var series = SyntheticPortfolio.Metrics.ToDictionary(m => m.Name, m =>
            {
                c.Signals.TryGet(m.Name, out var before);
                return before.Append(DailyBucket.Of(day, c.Outcome.IsChurn ? 100.0 : 0.0)).ToArray();
            });
            return c with { Signals = new SignalHistory(series) };
        }).ToList();

        var recorded = Backtester.Run(SyntheticPortfolio.Model, clean, [60]).LeadTimes[0];
        var asOf = Backtester.Run(SyntheticPortfolio.Model, clean, [60], ScoreSource.AsOf).LeadTimes[0];
        var asOfLeaky = Backtester.Run(SyntheticPortfolio.Model, leaky, [60], ScoreSource.AsOf).LeadTimes[0];

        Assert.Equal(400, recorded.ExcludedNoHistory);
        Assert.Equal(400, asOf.Included);
        Assert.True(asOf.Auc > 0.65, $"AUC {asOf.Auc}");
        Assert.Equal(asOf.Auc, asOfLeaky.Auc);
        Assert.True(Backtester.Run(SyntheticPortfolio.Model, leaky, [20], ScoreSource.AsOf).LeadTimes[0].Auc < 0.3);
    }

    [Fact]
    public void Truncate_WithKeepDays_DropsWhatNoWindowReaches_AndLookbackCountsATrendTwice()
    {
        var cutoff = new DateOnly(2026, 6, 30);
        var signals = new SignalHistory(new Dictionary<string, DailyBucket[]>
        {
            ["a"] = [DailyBucket.Of(cutoff.AddDays(-60), 1), DailyBucket.Of(cutoff.AddDays(-59), 2), DailyBucket.Of(cutoff, 3), DailyBucket.Of(cutoff.AddDays(1), 4)],
        });
        var trend = HealthModelLoader.Load("""
            { "version": "t", "components": [ { "name": "c", "metrics": [
              { "name": "x", "window": 45, "aggregation": "trend", "normalizer": { "type": "percent" } },
              { "name": "y", "window": 60, "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ] }
            """);

        AsOf.Truncate(signals, cutoff, keepDays: 60).TryGet("a", out var kept);

        Assert.Equal([2.0, 3.0], kept.Select(b => b.Last));
        Assert.Equal(90, AsOf.Lookback(trend));
        Assert.Equal(60, AsOf.Lookback(SyntheticPortfolio.Model));
    }
}
