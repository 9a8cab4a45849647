namespace HealthScoring;

/// <summary>
/// How a segment differs from the base model: its own component tree (<see cref="Components"/>, selecting a
/// different model) and/or weight overrides keyed by path ("adoption", "adoption.logins", or a bare metric name).
/// </summary>
/// <param name="Components">A replacement component tree, or null to use the base tree.</param>
/// <param name="Weights">Weight overrides applied on top of the tree.</param>
/// <param name="Shift">Points added to the score of every account in the segment (then kept within 0-100).</param>
public sealed record SegmentDefinition(
    IReadOnlyList<ComponentDefinition>? Components,
    IReadOnlyDictionary<string, double> Weights,
    double Shift = 0);
