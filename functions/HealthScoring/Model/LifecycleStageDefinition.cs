namespace HealthScoring;

/// <summary>
/// Weight overrides for a lifecycle stage (e.g. onboarding), applied after the segment's, keyed like
/// <see cref="SegmentDefinition.Weights"/>.
/// </summary>
/// <param name="Weights">Weight overrides by path.</param>
/// <param name="Shift">Points added to the score of every account in the stage (after the segment's; then kept within 0-100).</param>
public sealed record LifecycleStageDefinition(IReadOnlyDictionary<string, double> Weights, double Shift = 0);
