using HealthScoring;

namespace HealthFunctions.Messaging;

/// <summary>The <c>data</c> of a score-change event.</summary>
public sealed record ScoreChangedData(
    string AccountId,
    string? Segment,
    DateOnly AsOf,
    string Kind,
    double? PreviousScore,
    HealthTier? PreviousTier,
    double? CurrentScore,
    HealthTier? CurrentTier,
    double? Delta,
    IReadOnlyList<Driver> Drivers,
    string ModelVersion);
