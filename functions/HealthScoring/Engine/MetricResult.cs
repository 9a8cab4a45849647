namespace HealthScoring;

/// <summary>How one metric scored and what it contributed.</summary>
/// <param name="Name">Metric name.</param>
/// <param name="Component">Path of the component holding it, e.g. "adoption" or "outcomes.onboarding".</param>
/// <param name="Signal">Signal read.</param>
/// <param name="Raw">The aggregated raw value (before normalization), or null when the window had no data.</param>
/// <param name="Normalized">The 0-100 score (2 decimals), or null when missing or not placeable.</param>
/// <param name="Source">Where the raw value came from.</param>
/// <param name="Weight">The configured weight among its siblings (after segment and stage overrides).</param>
/// <param name="EffectiveWeight">Share of the total score actually carried (0-1, 4 decimals); 0 when missing.</param>
/// <param name="Contribution">Points of the total score from this metric (EffectiveWeight × Normalized, 4 decimals).</param>
/// <param name="Critical">Whether the metric can cap the account at Red.</param>
public sealed record MetricResult(
    string Name,
    string Component,
    string Signal,
    double? Raw,
    double? Normalized,
    MetricSource Source,
    double Weight,
    double EffectiveWeight,
    double Contribution,
    bool Critical);
