using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// The answer to <c>GET /api/accounts/{id}/health</c>: the score, what it is made of, what moved it, and why, in words
/// (<c>Explanation</c>). Raw metric values are rounded for reading (2 decimals below 100, else 1), contributions
/// to 2 decimals. <c>ComputedScore</c> is the weighted score before an override and the coverage minimum; <c>CappedBy</c>
/// the critical metrics holding the tier at Red; <c>OverrideApplied</c> and <c>PulseApplied</c> the CSM inputs in force
/// when it was scored. <c>Labels</c> says what each metric and component is called and its unit, for display: the ids
/// stay the keys everywhere else.
/// </summary>
public sealed record AccountHealth(
    string AccountId,
    string? Name,
    string? Segment,
    string? LifecycleStage,
    string? Owner,
    double? Score,
    HealthTier? Tier,
    double? PreviousScore,
    HealthTier? PreviousTier,
    DateOnly? PreviousAsOf,
    double? Delta,
    string Change,
    double? Coverage,
    string? ModelVersion,
    DateOnly? AsOf,
    DateTimeOffset? ComputedAt,
    DateTimeOffset? LastSignalAt,
    IReadOnlyList<Driver> Drivers,
    IReadOnlyList<ComponentResult> Components,
    IReadOnlyList<MetricResult> Metrics,
    double? ComputedScore,
    IReadOnlyList<string> CappedBy,
    ManualOverride? OverrideApplied,
    CsmPulse? PulseApplied,
    HealthExplanation Explanation,
    HealthLabels Labels);

/// <summary>The model's labels and units of metrics (by name) and components (by path).</summary>
public sealed record HealthLabels(IReadOnlyDictionary<string, MetricLabel> Metrics, IReadOnlyDictionary<string, MetricLabel> Components)
{
    /// <summary>The labels of <paramref name="model"/>.</summary>
    public static HealthLabels Of(HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new HealthLabels(model.Labels.Metrics, model.Labels.Components);
    }
}
