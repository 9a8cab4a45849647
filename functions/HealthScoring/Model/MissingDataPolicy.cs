namespace HealthScoring;

/// <summary>What the engine does with a metric that has no data.</summary>
public enum MissingDataPolicy
{
    /// <summary>Drop it and spread its weight over the siblings that have data.</summary>
    Reweight,

    /// <summary>
    /// Use the segment's median raw value (from <see cref="ScoringInputs.Population"/>); falls back to
    /// reweighting when no population is given for the metric, and never fills pulse metrics.
    /// </summary>
    SegmentMedian,
}
