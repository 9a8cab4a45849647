namespace HealthScoring;

/// <summary>
/// Weight overrides for a lifecycle stage (e.g. onboarding), applied after the segment's, keyed like
/// <see cref="SegmentDefinition.Weights"/>.
/// </summary>
/// <param name="Weights">Weight overrides by path.</param>
public sealed record LifecycleStageDefinition(IReadOnlyDictionary<string, double> Weights);
