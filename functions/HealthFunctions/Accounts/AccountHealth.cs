using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>The answer to <c>GET /api/accounts/{id}/health</c>: the score, what it is made of, and what moved it.</summary>
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
    IReadOnlyList<MetricResult> Metrics);
