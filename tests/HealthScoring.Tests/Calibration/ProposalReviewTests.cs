using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

/// <summary>A proposal that flips a metric or backtests worse is "not recommended", with the reason in words (#17 item 6).</summary>
public sealed class ProposalReviewTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void ACalibrationThatFlipsAMetric_IsNotRecommended_AndNamesTheMetricInWords()
    {
        var cases = SyntheticPortfolio.Generate(1500, seed: 42);

        var result = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today);

        Assert.False(result.Recommended);
        Assert.Equal(["d"], result.FlippedMetrics);
        var concern = Assert.Single(result.Concerns, c => c.Code == ModelConcern.FlippedMetric);
        Assert.Equal($"It flips d against the direction {SyntheticPortfolio.Model.Version} declares: what {SyntheticPortfolio.Model.Version} scores as healthier, it scores as less healthy.", concern.Message);
    }

    [Fact]
    public void TheDemosProposal_FlippingThreeMetrics_AndBacktestingWorse_HasBothConcerns()
    {
        var concerns = ProposalReview.Concerns("default-2026.11.2", ["logins", "active_users_pct", "nps"], new BacktestFigures(0.602, 1.82), new BacktestFigures(0.587, 0.91));

        Assert.Equal([ModelConcern.FlippedMetric, ModelConcern.WorseBacktest], concerns.Select(c => c.Code));
        Assert.Contains("flips logins, active_users_pct and nps against the direction default-2026.11.2 declares", concerns[0].Message, StringComparison.Ordinal);
        Assert.Equal("It backtests worse than default-2026.11.2 on the same outcomes: AUC 0.587 vs 0.602, top-decile lift 0.91 vs 1.82.", concerns[1].Message);
    }

    [Theory]
    [InlineData(0.70, 2.0, 0.71, 1.0, false)]  // a better AUC is not worse, whatever the lift
    [InlineData(0.70, 2.0, 0.6995, 2.5, false)] // the same AUC at 3 decimals, a better lift
    [InlineData(0.70, 2.0, 0.70, 1.9, true)]    // the same AUC, a lower lift
    [InlineData(0.70, 2.0, 0.69, 3.0, true)]    // a lower AUC
    public void IsWorse_ALowerAuc_OrTheSameAucAndALowerLift(double auc, double lift, double proposedAuc, double proposedLift, bool worse)
    {
        Assert.Equal(worse, ProposalReview.IsWorse(new BacktestFigures(auc, lift), new BacktestFigures(proposedAuc, proposedLift)));
    }

    [Fact]
    public void NoFiguresAndNoFlips_NoConcerns()
    {
        Assert.Empty(ProposalReview.Concerns("v1", [], new BacktestFigures(null, null), new BacktestFigures(0.5, 1)));
    }
}
