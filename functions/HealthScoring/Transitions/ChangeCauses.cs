namespace HealthScoring;

/// <summary>
/// Finds what moved an account from its baseline to its current result, by scoring today's inputs again with one thing
/// as it was (a counterfactual): the first of these that alone explains the change is its cause.
/// <list type="number">
/// <item><description><b>override</b>: a manual override was set, changed or ended between the two (it sets the tier outright);</description></item>
/// <item><description><b>model</b>: the baseline was scored with another model version, and today's inputs under that model make no change;</description></item>
/// <item><description><b>profile</b>: the segment or lifecycle stage changed, and under the earlier one (same model) there is no change;</description></item>
/// <item><description><b>pulse</b>: the CSM pulse in force changed, and with the earlier one there is no change;</description></item>
/// <item><description><b>signals</b>: otherwise.</description></item>
/// </list>
/// Only a notable change whose model, profile or pulse differs from the baseline's is scored again, so a plain day costs nothing.
/// </summary>
public static class ChangeCauses
{
    /// <summary>The cause of <paramref name="transition"/> (measured from <paramref name="baseline"/> to <paramref name="current"/>).</summary>
    /// <param name="model">The model that scored <paramref name="current"/>.</param>
    /// <param name="baselineModel">The model of the baseline's version when it differs from <paramref name="model"/> and could be loaded; null otherwise (a model change that cannot be scored again counts as the cause).</param>
    /// <param name="today">What <paramref name="current"/> was scored from.</param>
    /// <param name="baseline">The result the change is measured from.</param>
    /// <param name="current">Today's result.</param>
    /// <param name="transition">The change classified.</param>
    /// <param name="recent">The score points the change was classified with.</param>
    public static TransitionCause Find(HealthModel model, HealthModel? baselineModel, ScoringCase today, HealthResult? baseline, HealthResult current,
        Transition transition, IReadOnlyList<ScorePoint> recent)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(today);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(transition);
        if (baseline is null || !transition.Kind.IsNotable())
        {
            return TransitionCause.Signals;
        }

        if (!Equals(baseline.OverrideApplied, current.OverrideApplied))
        {
            return TransitionCause.Override;
        }

        bool Explains(HealthResult counterfactual) => !TransitionClassifier.Classify(baseline, counterfactual, recent, model.Transitions).Kind.IsNotable();

        if (baseline.ModelVersion != model.Version)
        {
            // The segment populations are sampled per model version: the earlier model is scored without one.
            if (baselineModel is null || Explains((today with { Inputs = today.Inputs with { Population = null } }).Score(baselineModel)))
            {
                return TransitionCause.Model;
            }
        }

        if (!SameProfile(baseline, current)
            && Explains((today with { Profile = today.Profile with { Segment = baseline.Segment, LifecycleStage = baseline.LifecycleStage } }).Score(model)))
        {
            return TransitionCause.Profile;
        }

        if (!Equals(baseline.PulseApplied, current.PulseApplied)
            && Explains((today with { Inputs = today.Inputs with { Pulse = baseline.PulseApplied } }).Score(model)))
        {
            return TransitionCause.Pulse;
        }

        return TransitionCause.Signals;
    }

    /// <summary>
    /// Splits the move from <paramref name="previous"/> to <paramref name="current"/> into what the metric values did and what
    /// the weights did (another model version, segment or lifecycle stage): today's values are scored again with the
    /// previous result's model and profile. Null when the weights did not change, or the previous model cannot be had.
    /// </summary>
    /// <param name="model">The model that scored <paramref name="current"/>.</param>
    /// <param name="previousModel">The model of <paramref name="previous"/> (the same as <paramref name="model"/> when its version is).</param>
    /// <param name="today">What <paramref name="current"/> was scored from (the signals as stored now).</param>
    /// <param name="previous">The earlier result.</param>
    /// <param name="current">The current result.</param>
    public static WeightAttribution? Attribute(HealthModel model, HealthModel? previousModel, ScoringCase today, HealthResult previous, HealthResult current)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(today);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var modelChanged = previous.ModelVersion != current.ModelVersion;
        if ((!modelChanged && SameProfile(previous, current)) || previousModel is null || previous.ComputedScore is not { } before
            || current.ComputedScore is not { } after)
        {
            return null;
        }

        var inputs = today.Inputs with { Override = null, PreviousTier = previous.Tier, Pulse = current.PulseApplied };
        var now = (today with { Inputs = inputs }).Score(model);
        var counterfactual = (today with
        {
            Profile = today.Profile with { Segment = previous.Segment, LifecycleStage = previous.LifecycleStage },
            Inputs = inputs with { Population = modelChanged ? null : inputs.Population },
        }).Score(previousModel);
        if (now.ComputedScore is not { } equalValuesNow || counterfactual.ComputedScore is not { } equalValuesThen)
        {
            return null;
        }

        var weights = Math.Round(equalValuesNow - equalValuesThen, 1, MidpointRounding.AwayFromZero);
        var values = Math.Round(after - before - weights, 1, MidpointRounding.AwayFromZero);
        return new WeightAttribution(counterfactual, values, weights, WhatChanged(previous, current), ChangedWeights(counterfactual, now));
    }

    private static bool SameProfile(HealthResult a, HealthResult b) =>
        string.Equals(a.Segment, b.Segment, StringComparison.OrdinalIgnoreCase) && string.Equals(a.LifecycleStage, b.LifecycleStage, StringComparison.OrdinalIgnoreCase);

    private static List<string> WhatChanged(HealthResult previous, HealthResult current)
    {
        var parts = new List<string>(3);
        if (previous.ModelVersion != current.ModelVersion)
        {
            parts.Add($"the model changed from {previous.ModelVersion} to {current.ModelVersion}");
        }

        if (!string.Equals(previous.Segment, current.Segment, StringComparison.OrdinalIgnoreCase))
        {
            parts.Add($"the segment changed from {previous.Segment ?? "none"} to {current.Segment ?? "none"}");
        }

        if (!string.Equals(previous.LifecycleStage, current.LifecycleStage, StringComparison.OrdinalIgnoreCase))
        {
            parts.Add($"the lifecycle stage changed from {previous.LifecycleStage ?? "none"} to {current.LifecycleStage ?? "none"}");
        }

        return parts;
    }

    /// <summary>Declared weights that differ between the two results: components first, then metrics (at most six).</summary>
    private static List<WeightChange> ChangedWeights(HealthResult then, HealthResult now)
    {
        var changes = new List<WeightChange>();
        var before = new Dictionary<string, double>(StringComparer.Ordinal);
        void Walk(IReadOnlyList<ComponentResult> components, Dictionary<string, double> into)
        {
            foreach (var c in components)
            {
                into[c.Path] = c.Weight;
                Walk(c.Components, into);
            }
        }

        Walk(then.Components, before);
        var after = new Dictionary<string, double>(StringComparer.Ordinal);
        Walk(now.Components, after);
        foreach (var (path, weight) in after)
        {
            if (before.TryGetValue(path, out var old) && old != weight)
            {
                changes.Add(new WeightChange(path, old, weight));
            }
        }

        var oldMetrics = then.Metrics.ToDictionary(m => m.Name, m => m.Weight, StringComparer.Ordinal);
        foreach (var m in now.Metrics)
        {
            if (oldMetrics.TryGetValue(m.Name, out var old) && old != m.Weight)
            {
                changes.Add(new WeightChange(m.Component.Length == 0 ? m.Name : $"{m.Component}.{m.Name}", old, m.Weight));
            }
        }

        return changes.Count > 6 ? changes.GetRange(0, 6) : changes;
    }
}

/// <summary>One declared weight that differs between two results.</summary>
/// <param name="Path">Component path, or "component.metric".</param>
/// <param name="Before">The weight then.</param>
/// <param name="After">The weight now.</param>
public sealed record WeightChange(string Path, double Before, double After);

/// <summary>
/// A score change split into the part the metric values made and the part new weights made (another model, segment or
/// stage), with <see cref="Counterfactual"/>: today's values under the earlier weights.
/// </summary>
/// <param name="Counterfactual">Today's values scored with the previous result's model, segment and stage.</param>
/// <param name="ValuesPoints">Points of the change due to the values (the rest of the change).</param>
/// <param name="WeightsPoints">Points due to the weights: today's values under today's weights less under the earlier ones.</param>
/// <param name="Changed">What changed, in words ("the lifecycle stage changed from mature to onboarding").</param>
/// <param name="Weights">Declared weights that changed.</param>
public sealed record WeightAttribution(HealthResult Counterfactual, double ValuesPoints, double WeightsPoints, IReadOnlyList<string> Changed,
    IReadOnlyList<WeightChange> Weights);
