namespace HealthScoring;

/// <summary>Reduces the buckets of one window to a raw value. Scans backwards from the end, so cost is O(window).</summary>
internal static class WindowAggregator
{
    /// <summary>
    /// Aggregates the window of <paramref name="windowDays"/> days ending on <paramref name="endDay"/> (inclusive).
    /// Returns false when the window has no data; the value may still be NaN (bad data, undefined trend).
    /// </summary>
    public static bool TryAggregate(ReadOnlySpan<DailyBucket> buckets, int endDay, int windowDays, Aggregation aggregation, TrendMode trendMode, out double value)
    {
        var i = buckets.Length - 1;
        while (i >= 0 && buckets[i].Day.DayNumber > endDay)
        {
            i--;
        }

        var startDay = endDay - windowDays + 1;
        if (aggregation == Aggregation.Latest)
        {
            return TryLatest(buckets, i, startDay, out value);
        }

        var current = Accumulate(buckets, ref i, startDay);
        if (current.Count == 0)
        {
            value = double.NaN;
            return false;
        }

        value = aggregation switch
        {
            Aggregation.Sum => current.Sum,
            Aggregation.Mean => current.Sum / current.Count,
            Aggregation.Count => current.Count,
            Aggregation.Min => current.Min,
            Aggregation.Max => current.Max,
            Aggregation.Trend => Trend(current, Accumulate(buckets, ref i, startDay - windowDays), trendMode),
            _ => double.NaN,
        };
        return true;
    }

    private static bool TryLatest(ReadOnlySpan<DailyBucket> buckets, int i, int startDay, out double value)
    {
        for (; i >= 0 && buckets[i].Day.DayNumber >= startDay; i--)
        {
            if (buckets[i].Count > 0)
            {
                value = buckets[i].Last;
                return true;
            }
        }

        value = double.NaN;
        return false;
    }

    private static double Trend(in Window current, in Window previous, TrendMode mode)
    {
        if (previous.Count == 0)
        {
            return double.NaN;
        }

        var now = current.Sum / current.Count;
        var before = previous.Sum / previous.Count;
        if (mode == TrendMode.Absolute)
        {
            return now - before;
        }

        if (before == 0)
        {
            return now == 0 ? 0 : double.NaN;
        }

        return (now - before) / Math.Abs(before) * 100;
    }

    private static Window Accumulate(ReadOnlySpan<DailyBucket> buckets, ref int i, int startDay)
    {
        long count = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity, last = double.NaN;
        for (; i >= 0; i--)
        {
            ref readonly var b = ref buckets[i];
            if (b.Day.DayNumber < startDay)
            {
                break;
            }

            if (b.Count <= 0)
            {
                continue;
            }

            if (count == 0)
            {
                last = b.Last;
            }

            count += b.Count;
            sum += b.Sum;
            min = Math.Min(min, b.Min);
            max = Math.Max(max, b.Max);
        }

        return new Window(count, sum, min, max, last);
    }

    private readonly record struct Window(long Count, double Sum, double Min, double Max, double Last);
}
