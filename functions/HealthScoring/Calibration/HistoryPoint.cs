namespace HealthScoring.Calibration;

/// <summary>One day of an account's recorded score history, as the daily run stored it.</summary>
/// <param name="Day">The day scored.</param>
/// <param name="Score">The reported score, or null when coverage was too low.</param>
/// <param name="Tier">The reported tier.</param>
/// <param name="Components">Top-level component scores by name (null when a component had no data).</param>
public sealed record HistoryPoint(DateOnly Day, double? Score, HealthTier? Tier, IReadOnlyDictionary<string, double?> Components);
