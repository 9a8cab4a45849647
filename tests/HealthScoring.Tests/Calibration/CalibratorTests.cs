using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

public sealed class CalibratorTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Calibrate_RecoversTheDirectionAndRankOfTheTrueWeights()
    {
        var cases = SyntheticPortfolio.Generate(1500, seed: 42);

        var result = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today);

        var metric = result.Metrics.ToDictionary(m => m.Name);
        Assert.True(metric["g0.a"].Coefficient < 0 && metric["g0.b"].Coefficient < 0 && metric["g1.c"].Coefficient < 0);
        Assert.True(metric["g1.d"].Coefficient > 0);
        Assert.True(metric["g0.a"].Proposed > metric["g0.b"].Proposed);
        Assert.Equal(0, metric["g1.d"].Proposed);
        Assert.True(metric["g1.c"].Proposed > 0);
        Assert.Equal(100, metric["g0.a"].Proposed + metric["g0.b"].Proposed, 1);

        var component = result.Components.ToDictionary(c => c.Name);
        Assert.True(component["g0"].Proposed > component["g1"].Proposed);
        Assert.Equal(100, component["g0"].Proposed + component["g1"].Proposed, 1);
    }

    [Fact]
    public void Calibrate_FitsOnEarlierOutcomes_AndTestsBothModelsOnTheLaterOnes()
    {
        var cases = SyntheticPortfolio.Generate(600, seed: 8);

        var result = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today);

        Assert.Equal(600, result.TrainOutcomes + result.TestOutcomes);
        Assert.InRange(result.TrainOutcomes, 380, 420);
        var first = result.FirstTestDate!.Value;
        Assert.Equal(result.TrainOutcomes, cases.Count(c => c.Outcome.Date < first));
        Assert.Equal(result.TestOutcomes, result.Current.Outcomes);
        Assert.Equal(result.TestOutcomes, result.Proposed.Outcomes);
        Assert.True(result.Proposed.Auc > result.Current.Auc, $"{result.Proposed.Auc} vs {result.Current.Auc}");
    }

    [Fact]
    public void Calibrate_WritesAValidProposedModelWithANewVersion()
    {
        var result = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, SyntheticPortfolio.Generate(600, seed: 9), 60, Today);

        var proposed = HealthModelLoader.Load(result.ProposedJson);
        Assert.Equal(result.ProposedVersion, proposed.Version);
        Assert.StartsWith("synthetic-1-cal-20261123-", proposed.Version);
        var g1 = proposed.Components.Single(c => c.Name == "g1");
        Assert.Equal(0, g1.Metrics.Single(m => m.Name == "d").Weight);
        Assert.Equal(result.Components.Single(c => c.Name == "g1").Proposed, g1.Weight);
    }

    [Fact]
    public void Calibrate_WithTooFewChurnedOutcomes_SaysSo()
    {
        var cases = SyntheticPortfolio.Generate(40, seed: 1, intercept: -6);

        var e = Assert.Throws<CalibrationDataException>(() => Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today));
        Assert.Contains("churned", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_TheDefaultModel_KeepsMetricsWithoutDataAtTheirWeight()
    {
        // Only adoption signals (support's empty windows count as zero tickets): sentiment and outcomes are missing at the cut-off and keep their weights.
        var random = new Random(4);
        var cases = Enumerable.Range(0, 300).Select(i =>
        {
            var date = new DateOnly(2026, 3, 1).AddDays(random.Next(200));
            var day = date.AddDays(-70);
            var pct = random.NextDouble() * 100;
            var signals = new SignalHistory(new Dictionary<string, DailyBucket[]> { ["active_users_pct"] = [DailyBucket.Of(day, pct)], ["logins"] = [DailyBucket.Of(day, random.Next(0, 200))], ["feature_adoption_pct"] = [DailyBucket.Of(day, random.NextDouble() * 80)] });
            var profile = new AccountProfile($"a{i}");
            var churned = random.NextDouble() < 1 / (1 + Math.Exp(0.06 * (pct - 30)));
            return new BacktestCase(new RenewalOutcome(profile.AccountId, date, churned ? OutcomeKind.Churned : OutcomeKind.Renewed), profile,
                [SyntheticPortfolio.Point(DefaultModels.Default, profile, signals, day)], signals);
        }).ToList();

        var result = Calibrator.Calibrate(DefaultModels.Default, DefaultModels.DefaultJson, cases, 60, new DateOnly(2026, 11, 23));

        var metric = result.Metrics.ToDictionary(m => m.Name);
        Assert.Equal(30, metric["sentiment.csm_pulse"].Proposed);
        Assert.StartsWith("kept", metric["sentiment.csm_pulse"].Note, StringComparison.Ordinal);
        Assert.True(metric["adoption.active_users_pct"].Proposed > 0);
        HealthModelLoader.Load(result.ProposedJson);
    }
}
