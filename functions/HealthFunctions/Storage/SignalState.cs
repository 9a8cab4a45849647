namespace HealthFunctions.Storage;

/// <summary>
/// An account's signals as daily buckets per metric (all of them, or the months one row holds). Ingestion applies
/// signals to it; rescoring, backtests and calibration read it. Serialized compactly by <see cref="SignalStateCodec"/>;
/// stored by <see cref="AccountStore"/> as the recent months in the account row and older months in month rows
/// (docs/calibration.md, "Signal history and its cost").
/// </summary>
public sealed class SignalState
{
    /// <summary>
    /// The live window in days: the longest window of the default model (90 days) plus a preceding window for trends.
    /// An ordinary post may carry timestamps this far back; the months it spans are kept in the account row while they fit.
    /// Older history is kept for the SignalRetentionDays setting and reaches the store through a backfill.
    /// </summary>
    public const int LiveDays = 180;

    /// <summary>The live window (<see cref="LiveDays"/>): how old an ordinary post's timestamps may be.</summary>
    public const int RetentionDays = LiveDays;

    /// <summary>Distinct metrics one account may hold in one calendar month (UTC); a signal for one more is refused.</summary>
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

    /// <summary>True when the state holds no bucket.</summary>
    public bool IsEmpty => _metrics.Count == 0;

    /// <summary>The oldest bucket's day, or null when there is none (one look per metric: buckets are kept in day order).</summary>
    public DateOnly? FirstDay
    {
        get
        {
            var first = int.MaxValue;
            foreach (var list in _metrics.Values)
            {
                first = list.Count > 0 ? Math.Min(first, list[0].DayNumber) : first;
            }

            return first == int.MaxValue ? null : DateOnly.FromDayNumber(first);
        }
    }

    /// <summary>The months that hold at least one bucket, oldest first.</summary>
    public IReadOnlyList<StateMonth> Months =>
        _metrics.Values.SelectMany(list => list.Select(b => StateMonth.OfDayNumber(b.DayNumber))).Distinct().Order().ToList();

    /// <summary>Distinct metrics with a bucket in <paramref name="month"/>.</summary>
    public int MetricsIn(StateMonth month)
    {
        int first = month.First.DayNumber, last = month.Last.DayNumber;
        return _metrics.Values.Count(list => list.Any(b => b.DayNumber >= first && b.DayNumber <= last));
    }

    /// <summary>True when <paramref name="metric"/> has a bucket in <paramref name="month"/>.</summary>
    public bool Has(string metric, StateMonth month)
    {
        int first = month.First.DayNumber, last = month.Last.DayNumber;
        return _metrics.TryGetValue(metric, out var list) && list.Any(b => b.DayNumber >= first && b.DayNumber <= last);
    }

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

    /// <summary>The state split by calendar month, oldest first; each part holds copies of its buckets.</summary>
    public SortedDictionary<StateMonth, SignalState> SplitByMonth()
    {
        var parts = new SortedDictionary<StateMonth, SignalState>();
        foreach (var (metric, list) in _metrics)
        {
            foreach (var b in list)
            {
                var month = StateMonth.OfDayNumber(b.DayNumber);
                if (!parts.TryGetValue(month, out var part))
                {
                    part = new SignalState();
                    parts.Add(month, part);
                }

                if (!part._metrics.TryGetValue(metric, out var target))
                {
                    target = [];
                    part._metrics.Add(metric, target);
                }

                target.Add(b);
            }
        }

        return parts;
    }

    /// <summary>One state holding every bucket of <paramref name="parts"/> (a day found in two parts is merged).</summary>
    public static SignalState Merge(IEnumerable<SignalState> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var merged = new SignalState();
        foreach (var part in parts)
        {
            foreach (var (metric, list) in part._metrics)
            {
                if (!merged._metrics.TryGetValue(metric, out var target))
                {
                    merged._metrics.Add(metric, [.. list]);
                    continue;
                }

                foreach (var b in list)
                {
                    var index = FindDay(target, b.DayNumber);
                    if (index >= 0)
                    {
                        target[index] = target[index].Merge(b);
                    }
                    else
                    {
                        target.Insert(~index, b);
                    }
                }
            }
        }

        return merged;
    }

    /// <summary>A copy holding only the buckets from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    public SignalState Slice(DateOnly from, DateOnly to)
    {
        var slice = new SignalState();
        int first = from.DayNumber, last = to.DayNumber;
        foreach (var (metric, list) in _metrics)
        {
            var kept = list.Where(b => b.DayNumber >= first && b.DayNumber <= last).ToList();
            if (kept.Count > 0)
            {
                slice._metrics.Add(metric, kept);
            }
        }

        return slice;
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

    /// <summary>The engine's view of these buckets (one array per metric; no other copy).</summary>
    public HealthScoring.SignalHistory ToHistory()
    {
        var series = new Dictionary<string, HealthScoring.DailyBucket[]>(MetricCount, StringComparer.Ordinal);
        foreach (var metric in Metrics)
        {
            var buckets = Buckets(metric);
            var array = new HealthScoring.DailyBucket[buckets.Count];
            for (var i = 0; i < array.Length; i++)
            {
                var b = buckets[i];
                array[i] = new HealthScoring.DailyBucket(b.Day, b.Count, b.Sum, b.Min, b.Max, b.Last);
            }

            series[metric] = array;
        }

        return new HealthScoring.SignalHistory(series);
    }
}
