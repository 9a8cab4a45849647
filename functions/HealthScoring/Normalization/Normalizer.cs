namespace HealthScoring;

/// <summary>
/// Maps a metric's aggregated raw value to a 0-100 score. NaN and ±∞ are never scored: they count as missing
/// data. Every result is clamped into [0, 100].
/// </summary>
public abstract record Normalizer
{
    /// <summary>The JSON <c>type</c> of this normalizer.</summary>
    public abstract string Type { get; }

    /// <summary>Whether the normalizer needs the segment population (and scores missing without it).</summary>
    public virtual bool NeedsPopulation => false;

    /// <summary>The 0-100 score of <paramref name="raw"/>, or null when it cannot be placed.</summary>
    /// <param name="raw">The aggregated raw value.</param>
    /// <param name="population">The segment's distribution of this metric, for population-relative normalizers.</param>
    public double? Normalize(double raw, MetricPopulation? population = null)
    {
        var score = NormalizeOrNaN(raw, population);
        return double.IsNaN(score) ? null : score;
    }

    /// <summary>Same as <see cref="Normalize"/> with NaN for missing (allocation- and branch-light hot path).</summary>
    internal double NormalizeOrNaN(double raw, MetricPopulation? population)
    {
        if (!double.IsFinite(raw))
        {
            return double.NaN;
        }

        var score = Map(raw, population);
        return double.IsNaN(score) ? double.NaN : Math.Clamp(score, 0, 100);
    }

    /// <summary>Maps a finite raw value; NaN means missing. The result is clamped by the caller.</summary>
    protected abstract double Map(double raw, MetricPopulation? population);
}
