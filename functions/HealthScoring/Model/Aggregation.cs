namespace HealthScoring;

/// <summary>How a metric reduces the daily buckets inside its window to one raw value.</summary>
public enum Aggregation
{
    /// <summary>The last value of the most recent day with data.</summary>
    Latest,

    /// <summary>Sum of all values.</summary>
    Sum,

    /// <summary>Mean of all values (total sum / total count), not a mean of days.</summary>
    Mean,

    /// <summary>Number of values.</summary>
    Count,

    /// <summary>Smallest value.</summary>
    Min,

    /// <summary>Largest value.</summary>
    Max,

    /// <summary>Change of the window's mean against the mean of the window just before it (see <see cref="TrendMode"/>).</summary>
    Trend,
}
