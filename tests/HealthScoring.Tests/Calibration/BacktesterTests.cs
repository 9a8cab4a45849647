using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

public sealed class BacktesterTests
{
    [Fact]
    public void Run_WithAPlantedRelationship_FindsAucWellAboveAHalf_AtBothLeadTimes()
    {
        var cases = SyntheticPortfolio.Generate(600, seed: 7);

        var report = Backtester.Run(SyntheticPortfolio.Model, cases, Backtester.DefaultLeadDays);

        Assert.Equal([60, 90], report.LeadTimes.Select(l => l.LeadDays));
        Assert.All(report.LeadTimes, lead =>
        {
            Assert.Equal(600, lead.Included);
            Assert.True(lead.Auc > 0.7, $"AUC {lead.Auc}");
            Assert.True(lead.AucLow > 0.5);
            Assert.True(lead.TopDecileLift > 1.5, $"lift {lead.TopDecileLift}");
            var red = lead.Tiers.Single(t => t.Tier == "Red");
            var green = lead.Tiers.Single(t => t.Tier == "Green");
            Assert.True(red.ChurnRate > green.ChurnRate);
        });
    }

    [Fact]
    public void Run_FlagsTheInvertedMetric_AndAgreesWithTheStrongOne()
    {
        var lead = Backtester.Run(SyntheticPortfolio.Model, SyntheticPortfolio.Generate(600, seed: 11), [60]).LeadTimes[0];

        Assert.Equal("agrees", lead.Features.Single(f => f.Kind == "metric" && f.Name == "a").Direction);
        Assert.Equal("inverted", lead.Features.Single(f => f.Kind == "metric" && f.Name == "d").Direction);
        Assert.True(lead.Features.Single(f => f.Name == "a").Auc > lead.Features.Single(f => f.Name == "c").Auc);
    }

    [Fact]
    public void Run_WhenTheScoreIsNoise_AucIsNearAHalf()
    {
        var lead = Backtester.Run(SyntheticPortfolio.Model, SyntheticPortfolio.Generate(800, seed: 3, noise: true), [60]).LeadTimes[0];

        Assert.InRange(lead.Auc!.Value, 0.42, 0.58);
        Assert.True(lead.AucLow < 0.5 && lead.AucHigh > 0.5, $"interval {lead.AucLow}-{lead.AucHigh}");
    }

    [Fact]
    public void Evaluate_CountsPrecisionRecallAndLiftByHand()
    {
        // 10 outcomes: scores 10..100; the two lowest churned (Red), one Green churned.
        var rows = Enumerable.Range(1, 10).Select(i => Row($"x{i}", i * 10.0, i <= 3 ? HealthTier.Red : i <= 7 ? HealthTier.Yellow : HealthTier.Green,
            churned: i is 1 or 2 or 10)).ToList();

        var lead = Backtester.Evaluate(60, rows, 12, 1, 1);

        Assert.Equal(3, lead.Churned);
        Assert.Equal(0.3, lead.BaseRate);
        Assert.Equal(3, lead.RedFlagged);
        Assert.Equal(Math.Round(2 / 3.0, 4), lead.RedPrecision);
        Assert.Equal(Math.Round(2 / 3.0, 4), lead.RedRecall);
        Assert.Equal(1, lead.TopDecileSize);
        Assert.Equal(Math.Round(1 / 0.3, 4), lead.TopDecileLift);
        Assert.Equal((12, 1, 1), (lead.Outcomes, lead.ExcludedNoHistory, lead.ExcludedNoScore));
        Assert.Equal(10, lead.ScoreDistribution.Sum(b => b.Churned + b.Retained));
    }

    [Fact]
    public void Run_AnAccountWithoutHistoryBeforeTheCutoff_IsExcludedAndCounted()
    {
        var cases = SyntheticPortfolio.Generate(50, seed: 5);
        var late = cases[0] with { History = [cases[0].History[0] with { Day = cases[0].Outcome.Date.AddDays(-30) }] };
        cases[0] = late;

        var lead = Backtester.Run(SyntheticPortfolio.Model, cases, [60]).LeadTimes[0];

        Assert.Equal(50, lead.Outcomes);
        Assert.Equal(49, lead.Included);
        Assert.Equal(1, lead.ExcludedNoHistory);
    }

    private static BacktestRow Row(string id, double score, HealthTier tier, bool churned) => new(
        new RenewalOutcome(id, new DateOnly(2026, 6, 1), churned ? OutcomeKind.Churned : OutcomeKind.Renewed),
        new DateOnly(2026, 4, 2), score, tier, new Dictionary<string, double?>(), new Dictionary<string, double?>(),
        new AccountProfile(id), SignalHistory.Empty);
}
