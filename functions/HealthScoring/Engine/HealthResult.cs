namespace HealthScoring;

/// <summary>An account's health on one day, with its explanation. Serializable with System.Text.Json.</summary>
/// <param name="AccountId">The scored account.</param>
/// <param name="ModelVersion">The model's version, stored with the score.</param>
/// <param name="Segment">The segment whose model was applied (as spelled in the model), or null for the base model.</param>
/// <param name="LifecycleStage">The lifecycle stage whose weights were applied, or null.</param>
/// <param name="AsOf">The day scored.</param>
/// <param name="Score">The reported 0-100 score (1 decimal); null when coverage is below the model's minimum and no override applies.</param>
/// <param name="Tier">The reported tier; null exactly when <paramref name="Score"/> is null and no tier override applies.</param>
/// <param name="ComputedScore">The weighted score over whatever data there was (1 decimal), before overrides and the coverage cut; null with no data at all.</param>
/// <param name="Coverage">Share of the model's weight that had real data (0-1, 4 decimals).</param>
/// <param name="CappedBy">Critical metrics whose Red capped the tier at Red (empty when none).</param>
/// <param name="OverrideApplied">The manual override in force, if any.</param>
/// <param name="PulseApplied">The CSM pulse in force, if any.</param>
/// <param name="Components">Top-level component results (a tree).</param>
/// <param name="Metrics">Every metric, flat, in model order.</param>
/// <param name="Shift">
/// Points the account's segment and lifecycle stage add to the weighted score (0 in most models); the metric
/// contributions plus the shift give <paramref name="ComputedScore"/> (or <paramref name="WeightedScore"/> under a display
/// scale), unless that was kept within 0-100.
/// </param>
/// <param name="WeightedScore">
/// With a model that has a display scale: the weighted score (2 decimals) that the contributions and the shift add up
/// to, which <paramref name="ComputedScore"/> shows on the scale; null for a model without one.
/// </param>
public sealed record HealthResult(
    string AccountId,
    string ModelVersion,
    string? Segment,
    string? LifecycleStage,
    DateOnly AsOf,
    double? Score,
    HealthTier? Tier,
    double? ComputedScore,
    double Coverage,
    IReadOnlyList<string> CappedBy,
    ManualOverride? OverrideApplied,
    CsmPulse? PulseApplied,
    IReadOnlyList<ComponentResult> Components,
    IReadOnlyList<MetricResult> Metrics,
    double Shift = 0,
    double? WeightedScore = null);
