namespace HealthScoring;

/// <summary>How a <see cref="Aggregation.Trend"/> metric expresses change.</summary>
public enum TrendMode
{
    /// <summary>Percent change: (current − previous) / |previous| × 100; missing when the previous mean is 0 and the current is not.</summary>
    Relative,

    /// <summary>Plain difference of the two means.</summary>
    Absolute,
}
