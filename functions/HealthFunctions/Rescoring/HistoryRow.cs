using HealthScoring;

namespace HealthFunctions.Rescoring;

/// <summary>One account's score on one day, as the history table keeps it.</summary>
public sealed record HistoryRow(
    string AccountId,
    DateOnly Day,
    double? Score,
    HealthTier? Tier,
    double Coverage,
    string ModelVersion,
    string Change,
    IReadOnlyDictionary<string, double?> Components,
    DateTimeOffset ComputedAt);
