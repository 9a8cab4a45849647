namespace HealthFunctions.Storage;

/// <summary>
/// An account's signals as daily buckets per metric, kept for <see cref="RetentionDays"/> days. Ingestion
/// applies signals to it; rescoring reads it. Serialized compactly by <see cref="SignalStateCodec"/>.
/// </summary>
public sealed class SignalState
{
    /// <summary>Days of buckets kept: the longest window (90 days) plus a preceding window for trends.</summary>
    public const int RetentionDays = 180;

    /// <summary>Distinct metrics one account may hold; a signal for one more is rejected.</summary>
    public const int MaxMetrics = 200;

    /// <summary>
    /// Largest magnitude of a signal value: the API refuses larger ones (400). It is below 2^53, so whole numbers up to it
    /// are exact, and sums cannot overflow: a bucket counts at most int.MaxValue values, so a window of every kept day
    /// sums to less than 1e27 in magnitude. A larger value that reaches the state another way is held at this magnitude.
    /// </summary>
    public const double MaxMagnitude = 1e15;

    private readonly SortedDictionary<string, List<StoredBucket>> _metrics = new(StringComparer.Ordinal);

    /// <summary>The metrics present, in ordinal order.</summary>
    public IEnumerable<string> Metrics => _metrics.Keys;

    /// <summary>Number of metrics present.</summary>
    public int MetricCount => _metrics.Count;

    /// <summary>A metric's buckets, oldest first (empty when absent).</summary>
    public IReadOnlyList<StoredBucket> Buckets(string metric) =>
        _metrics.TryGetValue(metric, out var list) ? list : [];

    /// <summary>True when the metric is present or there is room for one more.</summary>
    public bool CanAccept(string metric) => _metrics.ContainsKey(metric) || _metrics.Count < MaxMetrics;

    /// <summary>Adds one value at a time into its UTC day's bucket (held within <see cref="MaxMagnitude"/>).</summary>
    public void Apply(string metric, double value, DateTimeOffset timestamp)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A signal value must be a number.");
        }

        value = Math.Clamp(value, -MaxMagnitude, MaxMagnitude);
        var utc = timestamp.UtcDateTime;
        var day = DateOnly.FromDateTime(utc).DayNumber;
        var minute = (utc.Hour * 60) + utc.Minute;
        if (!_metrics.TryGetValue(metric, out var list))
        {
            list = [];
            _metrics.Add(metric, list);
        }

        var index = FindDay(list, day);
        if (index >= 0)
        {
            list[index] = list[index].Add(value, minute);
        }
        else
        {
            list.Insert(~index, StoredBucket.Single(day, value, minute));
        }
    }

    /// <summary>Drops buckets older than <paramref name="oldestKept"/> and metrics left empty.</summary>
    public void Prune(DateOnly oldestKept)
    {
        var cutoff = oldestKept.DayNumber;
        foreach (var metric in _metrics.Keys.ToList())
        {
            var list = _metrics[metric];
            var firstKept = FindDay(list, cutoff);
            if (firstKept < 0)
            {
                firstKept = ~firstKept;
            }

            list.RemoveRange(0, firstKept);
            if (list.Count == 0)
            {
                _metrics.Remove(metric);
            }
        }
    }

    internal void SetBuckets(string metric, List<StoredBucket> buckets) => _metrics[metric] = buckets;

    private static int FindDay(List<StoredBucket> list, int day)
    {
        int lo = 0, hi = list.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var d = list[mid].DayNumber;
            if (d == day)
            {
                return mid;
            }

            if (d < day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
