namespace HealthScoring;

/// <summary>Whether a higher normalized value is good or bad for the account.</summary>
public enum Direction
{
    /// <summary>The normalizer's output is used as is.</summary>
    HigherIsBetter,

    /// <summary>The normalizer's output is flipped (100 − score).</summary>
    LowerIsBetter,
}
