namespace HealthScoring;

/// <summary>How one component (or nested group) scored and what it contributed.</summary>
/// <param name="Name">Component name.</param>
/// <param name="Path">Dotted path from the top, e.g. "outcomes.onboarding".</param>
/// <param name="Aggregation">Weighted mean or weakest link.</param>
/// <param name="Weight">Configured weight among its siblings (after segment and stage overrides).</param>
/// <param name="EffectiveWeight">Share of the total score actually carried (0-1, 4 decimals).</param>
/// <param name="Score">The component's 0-100 score (2 decimals), or null when none of its children had data.</param>
/// <param name="Contribution">Points of the total score from this component (4 decimals).</param>
/// <param name="Coverage">Share of the component's own weight that had data (0-1, 4 decimals).</param>
/// <param name="Components">Nested component results.</param>
/// <param name="Metrics">Names of the metrics held directly (details in <see cref="HealthResult.Metrics"/>).</param>
public sealed record ComponentResult(
    string Name,
    string Path,
    GroupAggregation Aggregation,
    double Weight,
    double EffectiveWeight,
    double? Score,
    double Contribution,
    double Coverage,
    IReadOnlyList<ComponentResult> Components,
    IReadOnlyList<string> Metrics);
