namespace HealthScoring;

/// <summary>A stored score of an account on one day (its score history, for sharp declines, recovery and trends).</summary>
/// <param name="Day">The day scored.</param>
/// <param name="Score">The score, if any.</param>
/// <param name="Tier">The tier, if any.</param>
public sealed record ScorePoint(DateOnly Day, double? Score, HealthTier? Tier)
{
    /// <summary>The point of a result.</summary>
    public static ScorePoint From(HealthResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ScorePoint(result.AsOf, result.Score, result.Tier);
    }
}
