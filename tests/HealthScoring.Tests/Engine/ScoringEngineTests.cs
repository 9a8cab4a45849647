using System.Text.Json;
using HealthScoring.Tests.Support;
using static HealthScoring.Tests.Support.Histories;

namespace HealthScoring.Tests.Engine;

public sealed class ScoringEngineTests
{
    private static readonly HealthModel Default = DefaultModels.Default;

    [Fact]
    public void Score_TwoEqualMetricsOnATenPointScale_8And10_Gives90()
    {
        var model = HealthModelLoader.Load("""
            { "version": "seed", "components": [ { "name": "sentiment", "metrics": [
                { "name": "a", "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 10 } },
                { "name": "b", "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 10 } } ] } ] }
            """);

        var result = ScoringEngine.Score(model, Account(), Latest(("a", 8), ("b", 10)), AsOf);

        Assert.Equal(90, result.Score);
        Assert.Equal(HealthTier.Green, result.Tier);
        Assert.Equal([40.0, 50.0], result.Metrics.Select(m => m.Contribution).ToArray());
    }

    [Fact]
    public void Score_DefaultModel_Weighs40_20_15_25()
    {
        var result = ScoringEngine.Score(Default, Account(), Latest(DefaultSignals.Example), AsOf);

        // 0.40 × 80 + 0.20 × 60 + 0.15 × 90 + 0.25 × 70 = 32 + 12 + 13.5 + 17.5
        Assert.Equal(75, result.Score);
        Assert.Equal(HealthTier.Yellow, result.Tier);
        Assert.Equal(1, result.Coverage);
        Assert.Equal("default-2026.11.2", result.ModelVersion);
        var components = result.Components.ToDictionary(c => c.Name);
        Assert.Equal((80.0, 0.4, 32.0), (components["adoption"].Score!.Value, components["adoption"].EffectiveWeight, components["adoption"].Contribution));
        Assert.Equal((60.0, 0.2, 12.0), (components["sentiment"].Score!.Value, components["sentiment"].EffectiveWeight, components["sentiment"].Contribution));
        Assert.Equal((90.0, 0.15, 13.5), (components["support"].Score!.Value, components["support"].EffectiveWeight, components["support"].Contribution));
        Assert.Equal((70.0, 0.25, 17.5), (components["outcomes"].Score!.Value, components["outcomes"].EffectiveWeight, components["outcomes"].Contribution));
        Assert.Equal((0.0, 0.0), (components["financial"].EffectiveWeight, components["financial"].Contribution));
        Assert.Equal(100, components["financial"].Score);
    }

    [Fact]
    public void Score_MetricContributions_SumToTheScore()
    {
        var result = ScoringEngine.Score(Default, Account("Enterprise"), Latest(DefaultSignals.Example), AsOf);

        Assert.Equal(result.ComputedScore!.Value, result.Metrics.Sum(m => m.Contribution), 2);
        Assert.Equal(1, result.Metrics.Sum(m => m.EffectiveWeight), 3);
    }

    [Fact]
    public void Score_WithMissingMetric_ReweightsPresentOnes()
    {
        var model = TestModels.Flat(("a", 1), ("b", 1), ("c", 2));

        var result = ScoringEngine.Score(model, Account(), Latest(("a", 30), ("b", 90)), AsOf);

        Assert.Equal(60, result.Score);
        Assert.Equal(0.5, result.Coverage);
        var c = result.Metrics.Single(m => m.Name == "c");
        Assert.Equal((MetricSource.Missing, 0.0, 0.0, (double?)null), (c.Source, c.EffectiveWeight, c.Contribution, c.Normalized));
        Assert.Equal([0.5, 0.5, 0.0], result.Metrics.Select(m => m.EffectiveWeight).ToArray());
    }

    [Fact]
    public void Score_BelowMinimumCoverage_GivesNoTierRatherThanAMadeUpOne()
    {
        var model = HealthModelLoader.Load(TestModels.FlatJson([("a", 1), ("b", 3)], minimumCoverage: 0.5));

        var result = ScoringEngine.Score(model, Account(), Latest(("a", 95)), AsOf);

        Assert.Null(result.Score);
        Assert.Null(result.Tier);
        Assert.Equal(95, result.ComputedScore);
        Assert.Equal(0.25, result.Coverage);
    }

    [Fact]
    public void Score_AtExactlyMinimumCoverage_IsScored()
    {
        var model = HealthModelLoader.Load(TestModels.FlatJson([("a", 1), ("b", 1)], minimumCoverage: 0.5));

        Assert.Equal(HealthTier.Green, ScoringEngine.Score(model, Account(), Latest(("a", 95)), AsOf).Tier);
    }

    [Fact]
    public void Score_WithNoDataAtAll_IsEmptyButExplained()
    {
        var result = ScoringEngine.Score(TestModels.Flat(("a", 1)), Account(), SignalHistory.Empty, AsOf);

        Assert.Equal(((double?)null, (HealthTier?)null, (double?)null, 0.0), (result.Score, result.Tier, result.ComputedScore, result.Coverage));
        Assert.Single(result.Metrics);
    }

    [Fact]
    public void Score_SegmentMedianPolicy_FillsMissingMetricWithoutCountingItAsCoverage()
    {
        var model = HealthModelLoader.Load(TestModels.FlatJson([("a", 1), ("b", 1)], missingData: "segmentMedian"));
        var population = new SegmentPopulation(new Dictionary<string, MetricPopulation> { ["b"] = new([10, 20, 90]) });

        var result = ScoringEngine.Score(model, Account(), Latest(("a", 80)), AsOf, new ScoringInputs(Population: population));

        Assert.Equal(50, result.Score);
        Assert.Equal(0.5, result.Coverage);
        var b = result.Metrics.Single(m => m.Name == "b");
        Assert.Equal((MetricSource.SegmentMedian, (double?)20, 0.5), (b.Source, b.Raw, b.EffectiveWeight));
    }

    [Fact]
    public void Score_SegmentMedianPolicyWithoutPopulation_FallsBackToReweighting()
    {
        var model = HealthModelLoader.Load(TestModels.FlatJson([("a", 1), ("b", 1)], missingData: "segmentMedian"));

        var result = ScoringEngine.Score(model, Account(), Latest(("a", 80)), AsOf);

        Assert.Equal(80, result.Score);
        Assert.Equal(MetricSource.Missing, result.Metrics[1].Source);
    }

    [Fact]
    public void Score_PercentileNormalizer_RanksWithinTheSegmentOrIsMissingWithoutIt()
    {
        var model = HealthModelLoader.Load("""
            { "version": "p", "minimumCoverage": 0, "components": [ { "name": "c", "metrics": [
                { "name": "logins", "aggregation": "sum", "window": 30, "normalizer": { "type": "percentile" } } ] } ] }
            """);
        var population = new SegmentPopulation(new Dictionary<string, MetricPopulation> { ["logins"] = new([1, 2, 3, 4, 6, 7, 8, 9]) });

        var ranked = ScoringEngine.Score(model, Account(), Latest(("logins", 5)), AsOf, new ScoringInputs(Population: population));
        var without = ScoringEngine.Score(model, Account(), Latest(("logins", 5)), AsOf);

        Assert.Equal(50, ranked.Score);
        Assert.Null(without.ComputedScore);
        Assert.Equal(5, without.Metrics[0].Raw);
    }

    [Fact]
    public void Score_CriticalMetricInRed_CapsTheTierAtRedAndSaysWhy()
    {
        var signals = DefaultSignals.Example.Append(("payment_failures", 3)).ToArray();

        var result = ScoringEngine.Score(Default, Account(), Latest(signals), AsOf);

        Assert.Equal(75, result.Score);
        Assert.Equal(HealthTier.Red, result.Tier);
        Assert.Equal(["payment_failures"], result.CappedBy);
    }

    [Fact]
    public void Score_CriticalMetricOutsideRed_DoesNotCap()
    {
        var signals = DefaultSignals.Example.Append(("payment_failures", 1)).ToArray();

        var result = ScoringEngine.Score(Default, Account(), Latest(signals), AsOf);

        Assert.Equal((HealthTier.Yellow, 0), (result.Tier!.Value, result.CappedBy.Count));
    }

    [Fact]
    public void Score_WeakestLinkGroup_TakesTheLowestChildAndCreditsIt()
    {
        var model = HealthModelLoader.Load("""
            { "version": "w", "minimumCoverage": 0, "components": [
                { "name": "product", "weight": 1, "metrics": [ { "name": "p", "aggregation": "latest", "normalizer": { "type": "percent" } } ] },
                { "name": "risk", "weight": 1, "aggregation": "min", "metrics": [
                    { "name": "x", "aggregation": "latest", "normalizer": { "type": "percent" } },
                    { "name": "y", "aggregation": "latest", "normalizer": { "type": "percent" } },
                    { "name": "z", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ] }
            """);

        var result = ScoringEngine.Score(model, Account(), Latest(("p", 90), ("x", 70), ("y", 30)), AsOf);

        Assert.Equal(60, result.Score);
        Assert.Equal(30, result.Components[1].Score);
        Assert.Equal([0.5, 0.0, 0.5, 0.0], result.Metrics.Select(m => m.EffectiveWeight).ToArray());
        Assert.Equal(2.0 / 3, result.Components[1].Coverage, 4);
    }

    [Fact]
    public void Score_NestedGroups_ReportATreeWhoseContributionsAddUp()
    {
        var model = HealthModelLoader.Load("""
            { "version": "n", "minimumCoverage": 0, "components": [
                { "name": "outcomes", "weight": 3, "components": [
                    { "name": "onboarding", "weight": 1, "metrics": [ { "name": "o", "aggregation": "latest", "normalizer": { "type": "percent" } } ] },
                    { "name": "goals", "weight": 3, "metrics": [ { "name": "g", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ] },
                { "name": "usage", "weight": 1, "metrics": [ { "name": "u", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ] }
            """);

        var result = ScoringEngine.Score(model, Account(), Latest(("o", 100), ("g", 60), ("u", 20)), AsOf);

        // outcomes = (100 + 3 × 60) / 4 = 70; total = (3 × 70 + 20) / 4 = 57.5
        Assert.Equal(57.5, result.Score);
        var outcomes = result.Components[0];
        Assert.Equal((70.0, 52.5), (outcomes.Score!.Value, outcomes.Contribution));
        Assert.Equal(["outcomes.onboarding", "outcomes.goals"], outcomes.Components.Select(c => c.Path).ToArray());
        Assert.Equal(outcomes.Contribution, outcomes.Components.Sum(c => c.Contribution), 6);
        Assert.Equal("outcomes.goals", result.Metrics.Single(m => m.Name == "g").Component);
    }

    [Fact]
    public void Score_LowerIsBetterDirection_FlipsTheNormalizedScore()
    {
        var model = HealthModelLoader.Load("""
            { "version": "d", "components": [ { "name": "c", "metrics": [
                { "name": "churn_risk", "aggregation": "latest", "direction": "lowerIsBetter", "normalizer": { "type": "percent" } } ] } ] }
            """);

        Assert.Equal(75, ScoringEngine.Score(model, Account(), Latest(("churn_risk", 25)), AsOf).Score);
    }

    [Fact]
    public void Score_PreviousTierWithinHysteresis_KeepsTheTier()
    {
        var model = TestModels.Flat(("a", 1));

        var kept = ScoringEngine.Score(model, Account(), Latest(("a", 59)), AsOf, new ScoringInputs(PreviousTier: HealthTier.Yellow));
        var fresh = ScoringEngine.Score(model, Account(), Latest(("a", 59)), AsOf);

        Assert.Equal((HealthTier.Yellow, HealthTier.Red), (kept.Tier!.Value, fresh.Tier!.Value));
    }

    [Fact]
    public void Score_ManualOverride_AppliesUntilItsExpiryThenTheComputedScoreReturns()
    {
        var model = TestModels.Flat(("a", 1));
        var manual = new ManualOverride(35, null, "Champion left, renewal at risk", "jane@csm", AsOf.AddDays(5));
        var inputs = new ScoringInputs(Override: manual);

        var during = ScoringEngine.Score(model, Account(), Latest(("a", 90)), AsOf.AddDays(5), inputs);
        var after = ScoringEngine.Score(model, Account(), Latest(("a", 90)), AsOf.AddDays(6), inputs);

        Assert.Equal((35.0, HealthTier.Red, 90.0), (during.Score!.Value, during.Tier!.Value, during.ComputedScore!.Value));
        Assert.Same(manual, during.OverrideApplied);
        Assert.Null(after.OverrideApplied);
        Assert.Equal((90.0, HealthTier.Green), (after.ComputedScore!.Value, after.Tier!.Value));
    }

    [Fact]
    public void Score_TierOnlyOverride_KeepsTheComputedScore()
    {
        var manual = new ManualOverride(null, HealthTier.Yellow, "Exec sponsor unhappy", "sam", AsOf);

        var result = ScoringEngine.Score(TestModels.Flat(("a", 1)), Account(), Latest(("a", 90)), AsOf, new ScoringInputs(Override: manual));

        Assert.Equal((90.0, HealthTier.Yellow), (result.Score!.Value, result.Tier!.Value));
    }

    [Fact]
    public void Score_ActivePulse_EntersAsAWeightedMetric()
    {
        var pulse = new CsmPulse(2, "jane@csm", AsOf.AddDays(10), "Budget freeze");
        var history = Latest(DefaultSignals.Example.Where(s => s.Item1 != "csm_pulse").ToArray());

        var result = ScoringEngine.Score(Default, Account(), history, AsOf, new ScoringInputs(Pulse: pulse));

        var metric = result.Metrics.Single(m => m.Name == "csm_pulse");
        Assert.Equal((MetricSource.Pulse, (double?)2, (double?)20, 0.06), (metric.Source, metric.Raw, metric.Normalized, metric.EffectiveWeight));
        Assert.Same(pulse, result.PulseApplied);
        // sentiment = (30 × 60 + 25 × 60 + 15 × 60 + 30 × 20) / 100 = 48; total = 75 − 0.2 × (60 − 48)
        Assert.Equal(72.6, result.Score);
    }

    [Fact]
    public void Score_ExpiredPulse_RedistributesItsWeight()
    {
        var pulse = new CsmPulse(2, "jane@csm", AsOf.AddDays(-1));
        var history = Latest(DefaultSignals.Example.Where(s => s.Item1 != "csm_pulse").ToArray());

        var result = ScoringEngine.Score(Default, Account(), history, AsOf, new ScoringInputs(Pulse: pulse));

        var metric = result.Metrics.Single(m => m.Name == "csm_pulse");
        Assert.Equal((MetricSource.Missing, 0.0), (metric.Source, metric.EffectiveWeight));
        Assert.Null(result.PulseApplied);
        Assert.Equal(75, result.Score);
        Assert.Equal(0.2, result.Metrics.Where(m => m.Component == "sentiment").Sum(m => m.EffectiveWeight), 6);
    }

    [Theory]
    [InlineData(null, null, null, null, 0.40, 0.0)]
    [InlineData("Enterprise", null, "Enterprise", null, 0.35, 0.10)]
    [InlineData("enterprise", null, "Enterprise", null, 0.35, 0.10)]
    [InlineData("Unknown", null, null, null, 0.40, 0.0)]
    [InlineData("SMB", null, "SMB", null, 0.50, 0.0)]
    [InlineData(null, "Onboarding", null, "onboarding", 0.25, 0.0)]
    [InlineData("Enterprise", "onboarding", "Enterprise", "onboarding", 0.25 / 1.10, 0.10 / 1.10)]
    public void Score_SegmentAndLifecycleStage_SelectTheWeights(
        string? segment, string? stage, string? appliedSegment, string? appliedStage, double adoptionShare, double financialShare)
    {
        var signals = DefaultSignals.Example.Append(("seat_utilization_pct", 45)).ToArray();

        var result = ScoringEngine.Score(Default, Account(segment, stage), Latest(signals), AsOf);

        Assert.Equal((appliedSegment, appliedStage), (result.Segment, result.LifecycleStage));
        var components = result.Components.ToDictionary(c => c.Name);
        Assert.Equal(adoptionShare, components["adoption"].EffectiveWeight, 4);
        Assert.Equal(financialShare, components["financial"].EffectiveWeight, 4);
    }

    [Fact]
    public void Score_OnboardingStage_ShiftsOutcomeWeightToOnboardingProgress()
    {
        var result = ScoringEngine.Score(Default, Account(stage: "onboarding"), Latest(DefaultSignals.Example), AsOf);

        var outcomes = result.Components.Single(c => c.Name == "outcomes");
        Assert.Equal(0.45, outcomes.EffectiveWeight, 4);
        Assert.Equal(87.5, outcomes.Score);  // 0.75 × 100 + 0.25 × 50
    }

    [Fact]
    public void Score_IgnoresBucketsAfterAsOf()
    {
        var history = new SignalHistory(new Dictionary<string, DailyBucket[]>
        {
            ["a"] = [DailyBucket.Of(AsOf, 40), DailyBucket.Of(AsOf.AddDays(1), 100)],
        });

        Assert.Equal(40, ScoringEngine.Score(TestModels.Flat(("a", 1)), Account(), history, AsOf).Score);
    }

    [Fact]
    public void Score_SameInputsTwice_IsIdenticalToTheLastBit()
    {
        var history = Daily(DefaultSignals.Names.Select((n, i) => (n, Enumerable.Range(0, 90).Select(d => ((d * 37) + (i * 11)) % 101 / 3.0).ToArray())).ToArray());

        var first = JsonSerializer.Serialize(ScoringEngine.Score(Default, Account("MidMarket"), history, AsOf));
        var second = JsonSerializer.Serialize(ScoringEngine.Score(DefaultModels.Default, Account("MidMarket"), history, AsOf));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Result_RoundTripsThroughSystemTextJson()
    {
        var inputs = new ScoringInputs(
            Override: new ManualOverride(null, HealthTier.Green, "Signed expansion", "sam", AsOf),
            Pulse: new CsmPulse(9, "sam", AsOf));
        var result = ScoringEngine.Score(Default, Account("Enterprise"), Latest(DefaultSignals.Example), AsOf, inputs);

        var json = JsonSerializer.Serialize(result);
        var back = JsonSerializer.Deserialize<HealthResult>(json)!;

        Assert.Contains("\"Tier\":\"Green\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Source\":\"Pulse\"", json, StringComparison.Ordinal);
        Assert.Contains("\"AsOf\":\"2026-11-23\"", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(back));
    }
}
