namespace HealthScoring;

/// <summary>A component (or nested group) of a model: a weight, an aggregation and its children.</summary>
/// <param name="Name">Name, unique among its siblings.</param>
/// <param name="Weight">Relative weight among its siblings (≥ 0; 0 keeps it for explanation and critical caps only).</param>
/// <param name="Aggregation">Weighted mean or weakest link.</param>
/// <param name="Components">Nested groups.</param>
/// <param name="Metrics">Metrics held directly.</param>
/// <param name="Label">What people call it ("Adoption"), shown instead of <paramref name="Name"/>; null: the name.</param>
/// <param name="Unit">The unit of its score, if not 0-100 points; null: none.</param>
public sealed record ComponentDefinition(
    string Name,
    double Weight,
    GroupAggregation Aggregation,
    IReadOnlyList<ComponentDefinition> Components,
    IReadOnlyList<MetricDefinition> Metrics,
    string? Label = null,
    string? Unit = null);
