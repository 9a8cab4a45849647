namespace HealthScoring.Calibration;

/// <summary>
/// A display scale for a calibrated model: the weighted scores of the middle 98% of training accounts (1st to 99th
/// percentile) are shown as 5 to 95 on a straight line, the rest of 0-100 on either side. A calibrated model's weighted
/// score is a straight line of the fitted churn log-odds whose range must cover every value and level a metric can take,
/// so most accounts sit in a narrow band; the scale spreads them without changing their order.
/// </summary>
public static class DisplayFit
{
    /// <summary>The share of training accounts below the low point (and above the high one).</summary>
    public const double TailShare = 0.01;

    /// <summary>The score shown at the low point.</summary>
    public const double ShownLow = 5;

    /// <summary>The score shown at the high point.</summary>
    public const double ShownHigh = 95;

    /// <summary>The scale for these weighted training scores, or null when they already use the range (or do not vary).</summary>
    public static DisplayScale? From(IReadOnlyList<double> weighted)
    {
        ArgumentNullException.ThrowIfNull(weighted);
        if (weighted.Count < 2)
        {
            return null;
        }

        var sorted = weighted.Order().ToArray();
        var low = Math.Round(Quantile(sorted, TailShare), 2);
        var high = Math.Round(Quantile(sorted, 1 - TailShare), 2);
        if (high - low < 1 || (Math.Abs(low - ShownLow) < 1 && Math.Abs(high - ShownHigh) < 1))
        {
            return null;
        }

        var points = new List<DisplayPoint> { new(0, 0) };
        if (low > 0)
        {
            points.Add(new DisplayPoint(low, ShownLow));
        }

        if (high < 100)
        {
            points.Add(new DisplayPoint(high, ShownHigh));
        }

        points.Add(new DisplayPoint(100, 100));
        return DisplayScale.Problem(points) is null ? new DisplayScale(points) : null;
    }

    /// <summary>The weighted scores shown as <see cref="ShownLow"/> and <see cref="ShownHigh"/> (the ends of the range where the scale has no such point).</summary>
    public static (double Low, double High) Range(DisplayScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var low = scale.Points.FirstOrDefault(p => p.Shown == ShownLow);
        var high = scale.Points.FirstOrDefault(p => p.Shown == ShownHigh);
        return (low == default ? 0 : low.Weighted, high == default ? 100 : high.Weighted);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var i = (int)Math.Floor(position);
        return i + 1 >= sorted.Length ? sorted[^1] : sorted[i] + ((position - i) * (sorted[i + 1] - sorted[i]));
    }
}
