namespace HealthScoring;

/// <summary>How transitions are classified; part of the model (<c>"transitions"</c>).</summary>
/// <param name="SharpDeclinePoints">A fall of at least this many points ...</param>
/// <param name="SharpDeclineDays">... from the highest score within this many days is a sharp decline.</param>
/// <param name="RecoveryLookbackDays">A rise back to a tier held within this many days counts as recovered.</param>
/// <param name="DriverCount">How many drivers to name.</param>
/// <param name="TrendComparisonDays">The "previous score" arrow compares with the latest score at least this many days old.</param>
public sealed record TransitionPolicy(
    double SharpDeclinePoints = 15,
    int SharpDeclineDays = 14,
    int RecoveryLookbackDays = 90,
    int DriverCount = 3,
    int TrendComparisonDays = 30)
{
    /// <summary>15 points in 14 days, 90 days of recovery lookback, 3 drivers, 30-day trend comparison.</summary>
    public static TransitionPolicy Default { get; } = new();
}
