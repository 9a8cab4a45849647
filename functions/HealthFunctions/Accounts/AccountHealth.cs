using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// The answer to <c>GET /api/accounts/{id}/health</c>: the score, what it is made of, what moved it, and why, in words
/// (<c>Explanation</c>). Raw metric values are rounded for reading (2 decimals below 100, else 1), contributions
/// to 2 decimals. <c>ComputedScore</c> is the weighted score before an override and the coverage minimum; <c>CappedBy</c>
/// the critical metrics holding the tier at Red; <c>OverrideApplied</c> and <c>PulseApplied</c> the CSM inputs in force
/// when it was scored.
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
    HealthExplanation Explanation);
