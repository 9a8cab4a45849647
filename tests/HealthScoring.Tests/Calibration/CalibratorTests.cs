using System.Text.Json.Nodes;
using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

public sealed class CalibratorTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Calibrate_RanksWeightsByTrueEffect_AndFlipsTheMetricThatRunsBackwards()
    {
        var cases = SyntheticPortfolio.Generate(1500, seed: 42);

        var result = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today);

        var metric = result.Metrics.ToDictionary(m => m.Name);
        // True effects over the 0-100 range: a 7, b 3.5, d 3 (backwards), c 1.5 log-odds.
        Assert.True(metric["g0.a"].Effect > metric["g0.b"].Effect && metric["g0.b"].Effect > metric["g1.c"].Effect);
        Assert.True(metric["g1.d"].Effect > metric["g1.c"].Effect);
        Assert.True(metric["g0.a"].Proposed > metric["g0.b"].Proposed);
        Assert.True(metric["g1.d"].Proposed > metric["g1.c"].Proposed, "a backwards metric is flipped, not dropped");
        Assert.Equal(100, metric["g0.a"].Proposed + metric["g0.b"].Proposed, 2);
        var flip = Assert.Single(result.Changes, c => c.Kind == ChangeKind.Flipped);
        Assert.Equal("g1.d", flip.Subject);
        Assert.Contains("flipped `d`: accounts with higher d churned more", flip.Text, StringComparison.Ordinal);

        var component = result.Components.ToDictionary(c => c.Name);
        Assert.True(component["g0"].Proposed > component["g1"].Proposed);
        Assert.Equal(100, component["g0"].Proposed + component["g1"].Proposed, 2);
    }

    [Fact]
    public void Calibrate_TheProposedScore_IsAStraightLineOfAnIndependentlyFittedRegression()
    {
        var cases = SyntheticPortfolio.Generate(1200, seed: 31);

        var result = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today);

        // The same regression fitted here from the raw values, not from anything the calibrator reports.
        var first = result.FirstTestDate!.Value;
        var train = cases.Where(c => c.Outcome.Date < first).ToList();
        var cutoff = (BacktestCase c) => c.Outcome.Date.AddDays(-60);
        var x = train.Select(c => (IReadOnlyList<double>)SyntheticPortfolio.Metrics.Select(m => c.Signals.TryGet(m.Name, out var b) ? b[^1].Last : double.NaN).ToArray()).ToList();
        var fit = LogisticRegression.Fit(x, train.Select(c => c.Outcome.IsChurn).ToList(), CalibrationOptions.Default.Lambda);
        var proposed = HealthModelLoader.Load(result.ProposedJson);
        var results = train.Select(c => ScoringEngine.Score(proposed, c.Profile, c.Signals, cutoff(c))).ToList();
        // The weighted score (what the contributions add up to) is the straight line; the shown score is its display.
        var points = train.Select((c, i) => (Eta: fit.LogOdds(x[i]), Score: results[i].WeightedScore!.Value)).ToList();

        var (slope, residual) = Line(points);
        Assert.True(slope < 0, "a higher churn risk must mean a lower score");
        Assert.True(residual <= 0.06, $"largest gap from the line {residual}");
        Assert.True(result.Fit.MaxDeviation <= 0.06, $"reported {result.Fit.MaxDeviation}");
        Assert.Equal(result.Fit.TestAuc!.Value, result.Proposed.Auc!.Value, 2);
    }

    [Fact]
    public void Calibrate_ShowsTheScoresOnADisplayScale_ThatUsesTheRange_AndKeepsTheFitsOrder()
    {
        var cases = SyntheticPortfolio.Generate(1200, seed: 31);

        var result = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today);

        var proposed = HealthModelLoader.Load(result.ProposedJson);
        Assert.NotNull(proposed.DisplayScale);
        var train = cases.Where(c => c.Outcome.Date < result.FirstTestDate!.Value)
            .Select(c => ScoringEngine.Score(proposed, c.Profile, c.Signals, c.Outcome.Date.AddDays(-60))).ToList();
        var shown = train.Select(r => r.Score!.Value).Order().ToList();
        var weighted = train.Select(r => r.WeightedScore!.Value).ToList();
        // Before: the weighted scores of 98% of accounts sit in a band; shown, that band runs from 5 to 95.
        Assert.True(weighted.Max() - weighted.Min() < 90, $"weighted {weighted.Min()}-{weighted.Max()}");
        Assert.InRange(shown[(int)(0.01 * shown.Count)], 4, 6.5);
        Assert.InRange(shown[(int)(0.99 * shown.Count) - 1], 93.5, 96);
        // Same order: no account with a lower weighted score is shown above one with a higher.
        var ordered = train.OrderBy(r => r.WeightedScore).ThenBy(r => r.Score).Select(r => r.Score!.Value).ToList();
        Assert.Equal(ordered.Order(), ordered);
        Assert.Equal(0, result.Fit.DisplayDisorders);
        Assert.Equal(result.Fit.DisplayLow!.Value, proposed.DisplayScale!.Points[1].Weighted);
        // Tiers sit on the shown scale, and the change says what the scale does.
        Assert.Contains(result.Changes, c => c.Kind == ChangeKind.Display && c.Text.Contains("shown as 5 to 95", StringComparison.Ordinal));
        Assert.True(result.Tiers.Policy.GreenFrom - result.Tiers.Policy.YellowFrom > 10, $"{result.Tiers.Policy}");
        Assert.Equal(result.Fit.TestAuc!.Value, result.Proposed.Auc!.Value, 2);
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
        Assert.Equal(result.TrainOutcomes, result.Diagnostics.Training.Single(f => f.Name == "a").WithData);
        Assert.Equal(result.TestOutcomes, result.Diagnostics.Test.Single(f => f.Name == "a").WithData);
    }

    [Fact]
    public void Calibrate_WritesAValidProposedModelWithANewVersion_AndTheFlipInItsNormalizer()
    {
        var result = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, SyntheticPortfolio.Generate(600, seed: 9), 60, Today);

        var proposed = HealthModelLoader.Load(result.ProposedJson);
        Assert.Equal(result.ProposedVersion, proposed.Version);
        Assert.StartsWith("synthetic-1-cal-20261123-", proposed.Version, StringComparison.Ordinal);
        var g1 = proposed.Components.Single(c => c.Name == "g1");
        var d = g1.Metrics.Single(m => m.Name == "d");
        var line = Assert.IsType<LinearNormalizer>(d.Normalizer);
        Assert.True(line.From > line.To, "higher d now scores lower");
        Assert.Equal(result.Metrics.Single(m => m.Name == "g1.d").Proposed, d.Weight);
        Assert.Equal(result.Components.Single(c => c.Name == "g1").Proposed, g1.Weight);
        Assert.Equal(result.Tiers.Policy, proposed.Tiers);
    }

    [Fact]
    public void Calibrate_WithTooFewChurnedOutcomes_SaysSo()
    {
        var cases = SyntheticPortfolio.Generate(40, seed: 1, intercept: -6);

        var e = Assert.Throws<CalibrationDataException>(() => Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today));
        Assert.Contains("churned", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_WhenNoMetricVaries_InventsNothing_AndSaysWhy()
    {
        var cases = SyntheticPortfolio.Generate(300, seed: 3).Select(c => c with
        {
            Signals = new SignalHistory(SyntheticPortfolio.Metrics.ToDictionary(m => m.Name, _ => new[] { DailyBucket.Of(c.Outcome.Date.AddDays(-95), 50) })),
        }).ToList();

        var e = Assert.Throws<CalibrationDataException>(() => Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, Today));
        Assert.Contains("nothing to", e.Message, StringComparison.Ordinal);
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
        Assert.Equal(15, result.Components.Single(c => c.Name == "support").Proposed);
        Assert.True(metric["adoption.active_users_pct"].Proposed > metric["adoption.logins"].Proposed);
        var proposed = HealthModelLoader.Load(result.ProposedJson);
        Assert.Empty(proposed.Segments);
        Assert.Contains(result.Changes, c => c.Kind == ChangeKind.Segment && c.Subject == "Enterprise" && c.Text.Contains("removed", StringComparison.Ordinal));
    }

    [Fact]
    public void Calibrate_AYesNoMetricThatRunsBackwards_IsFlipped_AndTheExplanationSaysSo()
    {
        var result = Calibrator.Calibrate(MixedPortfolio.Model, MixedPortfolio.ModelJson, MixedPortfolio.Generate(3000, seed: 5), 60, Today);

        var flip = Assert.Single(result.Changes, c => c.Subject == "adoption.plan" && c.Kind == ChangeKind.Flipped);
        Assert.StartsWith("flipped `plan`: accounts with it (non-zero) churned more", flip.Text, StringComparison.Ordinal);
        var plan = HealthModelLoader.Load(result.ProposedJson).Components[0].Metrics.Single(m => m.Name == "plan");
        var normalizer = Assert.IsType<BooleanNormalizer>(plan.Normalizer);
        Assert.Equal((0.0, 100.0), (normalizer.TrueScore, normalizer.FalseScore));
    }

    [Fact]
    public void Calibrate_ACategoricalMetric_GetsAScorePerLevelInTheFittedOrder_AndTheEngineUsesThem()
    {
        var cases = MixedPortfolio.Generate(3000, seed: 6);

        var result = Calibrator.Calibrate(MixedPortfolio.Model, MixedPortfolio.ModelJson, cases, 60, Today);

        var proposed = HealthModelLoader.Load(result.ProposedJson);
        var home = proposed.Components.Single(c => c.Name == "profile").Metrics.Single(m => m.Name == "home");
        var levels = Assert.IsType<CategoricalNormalizer>(home.Normalizer).Levels.ToDictionary(l => l.Label!, l => l.Score);
        Assert.True(levels["owner"] > levels["parents"] && levels["parents"] > levels["rent"], string.Join(", ", levels));
        Assert.Equal(0, levels["rent"]);
        Assert.Contains(result.Changes, c => c.Subject == "profile.home" && c.Text.Contains("(rent churned most)", StringComparison.Ordinal));
        Assert.Equal(GroupAggregation.WeightedMean, proposed.Components.Single(c => c.Name == "profile").Aggregation);

        var renter = cases.First(c => c.Signals.TryGet("home", out var b) && b[0].Last == 2);
        var scored = ScoringEngine.Score(proposed, renter.Profile, renter.Signals, renter.Outcome.Date.AddDays(-60));
        Assert.Equal(levels["rent"], scored.Metrics.Single(m => m.Name == "home").Normalized);
    }

    [Fact]
    public void Calibrate_ASegmentThatChurnsMore_GetsANegativeShift_ThatMovesItsScore()
    {
        var cases = MixedPortfolio.Generate(3000, seed: 7);

        var result = Calibrator.Calibrate(MixedPortfolio.Model, MixedPortfolio.ModelJson, cases, 60, Today);

        var proposed = HealthModelLoader.Load(result.ProposedJson);
        var smb = proposed.Segments["SMB"].Shift;
        Assert.True(smb < -2, $"SMB shift {smb}");
        Assert.True(Math.Abs(proposed.Segments.GetValueOrDefault("Enterprise")?.Shift ?? 0) < Math.Abs(smb));
        Assert.Contains(result.Changes, c => c.Kind == ChangeKind.Segment && c.Subject == "SMB" && c.Text.Contains("churned more", StringComparison.Ordinal));

        var account = cases.First(c => c.Profile.Segment == "SMB");
        var day = account.Outcome.Date.AddDays(-60);
        var asSmb = ScoringEngine.Score(proposed, account.Profile, account.Signals, day);
        var asNone = ScoringEngine.Score(proposed, account.Profile with { Segment = null }, account.Signals, day);
        Assert.Equal(asNone.WeightedScore!.Value + smb, asSmb.WeightedScore!.Value, 1);
        Assert.True(asSmb.ComputedScore < asNone.ComputedScore, "shown, too, the shift lowers the score");
        Assert.Equal(smb, asSmb.Shift);
    }

    [Fact]
    public void Calibrate_AMetricWhoseAbsenceMeansRisk_ScoresLowWithoutAValue()
    {
        var result = Calibrator.Calibrate(MixedPortfolio.Model, MixedPortfolio.ModelJson, MixedPortfolio.Generate(3000, seed: 8), 60, Today);

        var nps = HealthModelLoader.Load(result.ProposedJson).Components.Single(c => c.Name == "profile").Metrics.Single(m => m.Name == "nps");
        var line = Assert.IsType<LinearNormalizer>(nps.Normalizer);
        Assert.True(line.To > line.From);
        var atMidpoint = 100 * (5 - line.From) / (line.To - line.From);
        Assert.True(nps.MissingScore < atMidpoint - 10, $"missing {nps.MissingScore}, nps 5 scores {atMidpoint}");
        Assert.Contains(result.Changes, c => c.Subject == "profile.nps" && c.Kind == ChangeKind.Missing && c.Text.Contains("churned more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Calibrate_ProposedTiers_MeetTheChurnRateRuleOnTheTrainingOutcomes()
    {
        var cases = MixedPortfolio.Generate(3000, seed: 9);

        var result = Calibrator.Calibrate(MixedPortfolio.Model, MixedPortfolio.ModelJson, cases, 60, Today);

        // Recomputed here from the proposed model's own scores of the training outcomes.
        var proposed = HealthModelLoader.Load(result.ProposedJson);
        var train = cases.Where(c => c.Outcome.Date < result.FirstTestDate!.Value).ToList();
        var tiers = train.Select(c => (Tier: proposed.Tiers.Classify(ScoringEngine.Score(proposed, c.Profile, c.Signals, c.Outcome.Date.AddDays(-60)).Score!.Value), c.Outcome.IsChurn)).ToList();
        var baseRate = tiers.Count(t => t.IsChurn) / (double)tiers.Count;
        double Rate(HealthTier tier) => tiers.Where(t => t.Tier == tier).Average(t => t.IsChurn ? 1.0 : 0.0);
        Assert.Contains(tiers, t => t.Tier == HealthTier.Red);
        Assert.Contains(tiers, t => t.Tier == HealthTier.Green);
        Assert.True(Rate(HealthTier.Red) >= 2 * baseRate, $"Red {Rate(HealthTier.Red)} vs base {baseRate}");
        Assert.True(Rate(HealthTier.Green) <= baseRate / 2, $"Green {Rate(HealthTier.Green)} vs base {baseRate}");
        Assert.Equal(tiers.Count(t => t.Tier == HealthTier.Red), result.Tiers.Training.Single(t => t.Tier == "Red").Accounts);
        Assert.Contains(result.Changes, c => c.Kind == ChangeKind.Tiers);
        var testTiers = result.Proposed.Tiers.ToDictionary(t => t.Tier);
        Assert.True(testTiers["Red"].ChurnRate > testTiers["Green"].ChurnRate);
    }

    [Fact]
    public void Calibrate_ReportsProgressThroughEveryStage()
    {
        var stages = new List<CalibrationProgress>();
        var progress = new SynchronousProgress(stages.Add);

        Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, SyntheticPortfolio.Generate(300, seed: 2), 60, Today, progress: progress);

        Assert.Equal(["as-of", "fit", "proposal", "display", "side-by-side"], stages.Select(s => s.Stage).Distinct());
        Assert.Contains(stages, s => s is { Stage: "as-of", Done: 300, Total: 300 });
        Assert.True(stages.Where(s => s.Stage == "as-of").Select(s => s.Done).SequenceEqual(stages.Where(s => s.Stage == "as-of").Select(s => s.Done).Order()));
    }

    [Fact]
    public void Calibrate_TheProposedDocument_SaysWhatItChanged()
    {
        var result = Calibrator.Calibrate(MixedPortfolio.Model, MixedPortfolio.ModelJson, MixedPortfolio.Generate(2000, seed: 10), 60, Today);

        var json = JsonNode.Parse(result.ProposedJson)!;
        Assert.Equal(result.Tiers.Policy.YellowFrom, json["tiers"]!["yellowFrom"]!.GetValue<double>());
        Assert.Null(json["segments"]!["Enterprise"]?["weights"]);
        var metrics = result.Metrics.Select(m => m.Name).ToHashSet();
        Assert.All(metrics, name => Assert.Contains(result.Changes, c => c.Subject == name && c.Kind is ChangeKind.Weight or ChangeKind.Kept));
        Assert.All(result.Changes, c => Assert.False(string.IsNullOrWhiteSpace(c.Text)));
    }

    private static (double Slope, double MaxResidual) Line(IReadOnlyList<(double Eta, double Score)> points)
    {
        double mx = points.Average(p => p.Eta), my = points.Average(p => p.Score), sxy = 0, sxx = 0;
        foreach (var (e, s) in points)
        {
            sxy += (e - mx) * (s - my);
            sxx += (e - mx) * (e - mx);
        }

        var slope = sxy / sxx;
        return (slope, points.Max(p => Math.Abs(p.Score - (my + (slope * (p.Eta - mx))))));
    }

    private sealed class SynchronousProgress(Action<CalibrationProgress> report) : IProgress<CalibrationProgress>
    {
        public void Report(CalibrationProgress value) => report(value);
    }
}
