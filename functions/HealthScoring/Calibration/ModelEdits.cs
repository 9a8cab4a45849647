namespace HealthScoring.Calibration;

/// <summary>A new weight (and aggregation) for one component, keyed by its path in <see cref="ModelEdits"/>.</summary>
/// <param name="Weight">The weight.</param>
/// <param name="Aggregation">The aggregation, or null to keep it.</param>
internal sealed record GroupEdit(double Weight, GroupAggregation? Aggregation = null);

/// <summary>A new weight and, when refitted, normalizer and missing score for one metric.</summary>
/// <param name="Weight">The weight.</param>
/// <param name="Normalizer">The new normalizer (its orientation is the metric's: direction becomes higherIsBetter), or null to keep it.</param>
/// <param name="MissingScore">The score without a value, or null to leave the property as it is.</param>
internal sealed record MetricEdit(double Weight, Normalizer? Normalizer = null, double? MissingScore = null);

/// <summary>Everything a calibration changes in a model document; what is null is left as it is.</summary>
/// <param name="Groups">Component edits by path ("support", "outcomes.onboarding").</param>
/// <param name="Metrics">Metric edits by metric name.</param>
/// <param name="SegmentShifts">When set, the segments section becomes exactly these shifts (overrides and trees removed).</param>
/// <param name="StageShifts">When set, the lifecycle stages section becomes exactly these shifts.</param>
/// <param name="Tiers">New tier boundaries, or null.</param>
/// <param name="Display">The display scale, or null for none (a current model's scale is always replaced: it showed other weights).</param>
internal sealed record ModelEdits(
    IReadOnlyDictionary<string, GroupEdit> Groups,
    IReadOnlyDictionary<string, MetricEdit> Metrics,
    IReadOnlyDictionary<string, double>? SegmentShifts = null,
    IReadOnlyDictionary<string, double>? StageShifts = null,
    TierPolicy? Tiers = null,
    DisplayScale? Display = null);
