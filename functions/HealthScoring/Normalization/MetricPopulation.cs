namespace HealthScoring;

/// <summary>
/// The distribution of one metric's aggregated raw values across a segment, used by percentile normalizers
/// and median fill. Non-finite values are dropped; the values are kept sorted.
/// </summary>
public sealed class MetricPopulation
{
    private readonly double[] sorted;

    /// <summary>Builds the distribution from raw values in any order.</summary>
    public MetricPopulation(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        sorted = values.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        Median = sorted.Length == 0
            ? double.NaN
            : sorted.Length % 2 == 1
                ? sorted[sorted.Length / 2]
                : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Number of accounts in the distribution.</summary>
    public int Count => sorted.Length;

    /// <summary>The median raw value (NaN when empty).</summary>
    public double Median { get; }

    /// <summary>
    /// Percent of the population strictly below <paramref name="value"/> plus half of those equal to it
    /// (0-100; the midpoint convention keeps ties fair). NaN when the population is empty.
    /// </summary>
    public double PercentileRank(double value)
    {
        if (sorted.Length == 0 || double.IsNaN(value))
        {
            return double.NaN;
        }

        var below = LowerBound(value);
        var upTo = UpperBound(value);
        return (below + ((upTo - below) / 2.0)) / sorted.Length * 100;
    }

    private int LowerBound(double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) { lo = mid + 1; } else { hi = mid; }
        }

        return lo;
    }

    private int UpperBound(double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) { lo = mid + 1; } else { hi = mid; }
        }

        return lo;
    }
}
