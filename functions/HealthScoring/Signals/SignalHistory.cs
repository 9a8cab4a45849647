namespace HealthScoring;

/// <summary>
/// An account's signal history: per signal name, daily buckets sorted by day ascending with no repeated day.
/// Wraps the dictionary it is given without copying; the arrays must not change while a score is computed.
/// </summary>
public sealed class SignalHistory
{
    private static readonly Dictionary<string, DailyBucket[]> NoSeries = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, DailyBucket[]> series;

    /// <summary>Wraps <paramref name="series"/> (signal name → buckets, ascending by day).</summary>
    /// <exception cref="ArgumentException">A series is null or not strictly ascending by day.</exception>
    public SignalHistory(IReadOnlyDictionary<string, DailyBucket[]> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (name, buckets) in series)
        {
            if (buckets is null)
            {
                throw new ArgumentException($"Signal '{name}' has no bucket array.", nameof(series));
            }

            for (var i = 1; i < buckets.Length; i++)
            {
                if (buckets[i].Day <= buckets[i - 1].Day)
                {
                    throw new ArgumentException(
                        $"Signal '{name}': buckets must be strictly ascending by day; index {i} ({buckets[i].Day:yyyy-MM-dd}) follows {buckets[i - 1].Day:yyyy-MM-dd}.",
                        nameof(series));
                }
            }
        }

        this.series = series;
    }

    /// <summary>A history with no signals.</summary>
    public static SignalHistory Empty { get; } = new(NoSeries);

    /// <summary>The signal names present.</summary>
    public IEnumerable<string> Signals => series.Keys;

    /// <summary>
    /// Builds a history from buckets in any order, merging buckets that share a day (counts and sums add,
    /// min/max combine, the later bucket's <see cref="DailyBucket.Last"/> wins).
    /// </summary>
    public static SignalHistory FromUnsorted(IEnumerable<KeyValuePair<string, IEnumerable<DailyBucket>>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var result = new Dictionary<string, DailyBucket[]>(StringComparer.Ordinal);
        foreach (var (name, buckets) in series)
        {
            var sorted = buckets.ToArray();
            Array.Sort(sorted, static (a, b) => a.Day.CompareTo(b.Day));
            var merged = new List<DailyBucket>(sorted.Length);
            foreach (var b in sorted)
            {
                if (merged.Count > 0 && merged[^1].Day == b.Day)
                {
                    var a = merged[^1];
                    merged[^1] = new DailyBucket(a.Day, a.Count + b.Count, a.Sum + b.Sum, Math.Min(a.Min, b.Min), Math.Max(a.Max, b.Max), b.Last);
                }
                else
                {
                    merged.Add(b);
                }
            }

            result[name] = merged.ToArray();
        }

        return new SignalHistory(result);
    }

    /// <summary>The buckets of <paramref name="signal"/>, if present.</summary>
    public bool TryGet(string signal, out DailyBucket[] buckets)
    {
        if (series.TryGetValue(signal, out var found))
        {
            buckets = found;
            return true;
        }

        buckets = [];
        return false;
    }
}
