using HealthScoring.Tests.Support;

namespace HealthScoring.Tests.Transitions;

/// <summary>
/// What moved an account (#17 items 7, 8): found by scoring today's inputs again with one thing as it was. And the split
/// of a change into values and weights (item 12), from the same counterfactual.
/// </summary>
public sealed class ChangeCausesTests
{
    private static readonly DateOnly Yesterday = Histories.AsOf;
    private static readonly DateOnly Today = Histories.AsOf.AddDays(1);

    /// <summary>Adoption 20, sentiment 60, support 90, outcomes 100: Red (58.5) on the base weights, Yellow (72.5) as onboarding.</summary>
    private static SignalHistory LowAdoption() => Histories.Latest(
        ("logins", 40), ("active_users_pct", 20), ("feature_adoption_pct", 16), ("nps", 6), ("csat", 3.4), ("ces", 3.4), ("csm_pulse", 6),
        ("resolution_hours", 4), ("escalations", 1), ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100));

    /// <summary>Adoption 50, sentiment 60, support 90, outcomes 50: 58.0, Yellow when it was Yellow (hysteresis).</summary>
    private static SignalHistory NearTheRedLine() => Histories.Latest(
        ("logins", 100), ("active_users_pct", 50), ("feature_adoption_pct", 40), ("nps", 6), ("csat", 3.4), ("ces", 3.4), ("csm_pulse", 6),
        ("resolution_hours", 4), ("escalations", 1), ("onboarding_progress_pct", 50), ("milestones_completed_pct", 50));

    private static HealthModel WithTiers(double yellowFrom, string version) => HealthModelLoader.Load(DefaultModels.DefaultJson
        .Replace("\"yellowFrom\": 60", $"\"yellowFrom\": {yellowFrom}", StringComparison.Ordinal)
        .Replace($"\"version\": \"{DefaultModels.Default.Version}\"", $"\"version\": \"{version}\"", StringComparison.Ordinal));

    private static (TransitionCause Cause, Transition Transition) Find(HealthModel model, HealthModel? baselineModel, HealthResult baseline, ScoringCase today)
    {
        var current = today.Score(model);
        var transition = TransitionClassifier.Classify(baseline, current, [], model.Transitions);
        Assert.True(transition.Kind.IsNotable(), $"{baseline.Tier} -> {current.Tier}");
        return (ChangeCauses.Find(model, baselineModel, today, baseline, current, transition, []), transition);
    }

    [Fact]
    public void AModelWithOtherTiers_AloneMovingTheTier_IsTheCause()
    {
        var before = DefaultModels.Default;
        var after = WithTiers(50, "lower-tiers-1");
        var baseline = ScoringEngine.Score(before, Histories.Account(), LowAdoption(), Yesterday);
        var today = new ScoringCase(Histories.Account(), LowAdoption(), Today, new ScoringInputs(PreviousTier: baseline.Tier));

        var (cause, transition) = Find(after, before, baseline, today);

        Assert.Equal((HealthTier.Red, HealthTier.Yellow), (transition.PreviousTier, transition.CurrentTier));
        Assert.Equal(TransitionCause.Model, cause);
        Assert.Equal(TransitionCause.Model, Find(after, baselineModel: null, baseline, today).Cause); // the old model cannot be had: still the model
    }

    [Fact]
    public void NewSignals_UnderANewModel_AreStillSignals_WhenTheOldModelWouldHaveMovedToo()
    {
        var before = DefaultModels.Default;
        var after = WithTiers(50, "lower-tiers-1");
        var baseline = ScoringEngine.Score(before, Histories.Account(), LowAdoption(), Yesterday);
        var better = Histories.Latest(DefaultSignals.Example); // 75: Yellow under both models
        var today = new ScoringCase(Histories.Account(), better, Today, new ScoringInputs(PreviousTier: baseline.Tier));

        Assert.Equal(TransitionCause.Signals, Find(after, before, baseline, today).Cause);
    }

    [Fact]
    public void ANewLifecycleStage_AloneMovingTheTier_IsAProfileCause()
    {
        var model = DefaultModels.Default;
        var baseline = ScoringEngine.Score(model, Histories.Account(stage: "mature"), LowAdoption(), Yesterday);
        var today = new ScoringCase(Histories.Account(stage: "onboarding"), LowAdoption(), Today, new ScoringInputs(PreviousTier: baseline.Tier));

        Assert.Equal(TransitionCause.Profile, Find(model, model, baseline, today).Cause);
    }

    [Fact]
    public void APulse_AloneMovingTheTier_IsAPulseCause()
    {
        var model = DefaultModels.Default;
        var baseline = ScoringEngine.Score(model, Histories.Account(), NearTheRedLine(), Yesterday, new ScoringInputs(PreviousTier: HealthTier.Yellow));
        var pulse = new CsmPulse(0, "dana", Today.AddDays(30), "champion left");
        var today = new ScoringCase(Histories.Account(), NearTheRedLine(), Today, new ScoringInputs(PreviousTier: baseline.Tier, Pulse: pulse));

        var (cause, transition) = Find(model, model, baseline, today);

        Assert.Equal((HealthTier.Yellow, HealthTier.Red, TransitionCause.Pulse), (transition.PreviousTier, transition.CurrentTier, cause));
    }

    [Fact]
    public void AnOverride_SetOrEnded_IsTheCause()
    {
        var model = DefaultModels.Default;
        var baseline = ScoringEngine.Score(model, Histories.Account(), LowAdoption(), Yesterday);
        var green = new ManualOverride(null, HealthTier.Green, "renewal signed", "dana", Today.AddDays(7));
        var overridden = new ScoringCase(Histories.Account(), LowAdoption(), Today, new ScoringInputs(PreviousTier: baseline.Tier, Override: green));

        Assert.Equal(TransitionCause.Override, Find(model, model, baseline, overridden).Cause);

        var wasOverridden = overridden.Score(model) with { AsOf = Yesterday };
        var ended = new ScoringCase(Histories.Account(), LowAdoption(), Today, new ScoringInputs(PreviousTier: HealthTier.Green));
        Assert.Equal(TransitionCause.Override, Find(model, model, wasOverridden, ended).Cause);
    }

    [Fact]
    public void PlainSignals_AreSignals()
    {
        var model = DefaultModels.Default;
        var baseline = ScoringEngine.Score(model, Histories.Account(), LowAdoption(), Yesterday);
        var today = new ScoringCase(Histories.Account(), Histories.Latest(DefaultSignals.Example), Today, new ScoringInputs(PreviousTier: baseline.Tier));

        Assert.Equal(TransitionCause.Signals, Find(model, model, baseline, today).Cause);
    }

    [Fact]
    public void Attribute_ANewStage_PutsTheChangeOnTheWeights_AndTheExplanationSaysSo()
    {
        var model = DefaultModels.Default;
        var previous = ScoringEngine.Score(model, Histories.Account(stage: "mature"), LowAdoption(), Yesterday);
        var today = new ScoringCase(Histories.Account(stage: "onboarding"), LowAdoption(), Today, new ScoringInputs(PreviousTier: previous.Tier));
        var current = today.Score(model);

        var split = ChangeCauses.Attribute(model, model, today, previous, current);

        Assert.NotNull(split);
        Assert.Equal(0, split.ValuesPoints);
        Assert.Equal(Math.Round(current.ComputedScore!.Value - previous.ComputedScore!.Value, 1), split.WeightsPoints);
        Assert.Contains("the lifecycle stage changed from mature to onboarding", split.Changed);
        Assert.Contains(new WeightChange("outcomes", 25, 45), split.Weights);

        var drivers = TransitionClassifier.Drivers(previous, current, 3);
        var explanation = HealthExplainer.Explain(model, current, previous, drivers, split);

        Assert.NotNull(explanation.Split);
        Assert.Contains("from the weights: the lifecycle stage changed from mature to onboarding (Adoption weighs 25 instead of 40", explanation.Split.Text, StringComparison.Ordinal);
        Assert.Contains("Outcomes weighs 45 instead of 25", explanation.Split.Text, StringComparison.Ordinal);
        Assert.Contains(", 0.0 came from the metric values and +14.0 from the weights", explanation.Split.Text, StringComparison.Ordinal);
        Assert.All(explanation.Drivers, d =>
        {
            Assert.Contains("from the new weights", d.Text, StringComparison.Ordinal);
            Assert.Equal(0, d.FromValue);
            Assert.Equal(d.ContributionDelta, d.FromWeights); // the parts add up to the move shown
        });
    }

    [Fact]
    public void Attribute_NothingWhenTheWeightsDidNotChange()
    {
        var model = DefaultModels.Default;
        var previous = ScoringEngine.Score(model, Histories.Account(), LowAdoption(), Yesterday);
        var today = new ScoringCase(Histories.Account(), Histories.Latest(DefaultSignals.Example), Today, ScoringInputs.None);

        Assert.Null(ChangeCauses.Attribute(model, model, today, previous, today.Score(model)));
    }
}
