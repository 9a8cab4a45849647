namespace HealthScoring;

/// <summary>What a window with no data means for a metric.</summary>
public enum EmptyWindow
{
    /// <summary>No data: the metric is missing (reweighted or median-filled, and not counted in coverage).</summary>
    Missing,

    /// <summary>No events happened: the raw value is 0 (right for counts of bad things such as tickets or payment failures).</summary>
    Zero,
}
