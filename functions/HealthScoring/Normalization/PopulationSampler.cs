namespace HealthScoring;

/// <summary>
/// Collects each segment's distribution of raw metric values while a rescore streams through the accounts, in bounded
/// memory: per segment and metric it keeps at most <see cref="Capacity"/> values, those of the accounts whose hash of
/// (account, metric) is smallest (a bottom-k sample). The sample is a uniform random one, and the same whatever order
/// the accounts arrive in, so parallel scoring gives the same population every run. With k = 2,048 a percentile rank
/// read from the sample is within about one point of the rank in the whole segment.
/// Thread-safe: groups scored in parallel add to one sampler.
/// </summary>
public sealed class PopulationSampler
{
    /// <summary>The key of accounts scored with the base model (no segment of the model).</summary>
    public const string BaseSegment = "";

    private readonly Dictionary<string, Dictionary<string, PriorityQueue<double, ulong>>> _segments = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private int _accounts;

    /// <summary>A sampler keeping up to <paramref name="capacity"/> values per segment and metric.</summary>
    public PopulationSampler(int capacity = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Values kept per segment and metric.</summary>
    public int Capacity { get; }

    /// <summary>Accounts added.</summary>
    public int Accounts => Volatile.Read(ref _accounts);

    /// <summary>Whether a model reads segment populations at all (a percentile normalizer, or median fill).</summary>
    public static bool IsNeededBy(HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.MissingData == MissingDataPolicy.SegmentMedian)
        {
            return true;
        }

        return Uses(model.Components) || model.Segments.Values.Any(s => s.Components is { } own && Uses(own));

        static bool Uses(IReadOnlyList<ComponentDefinition> components) =>
            components.Any(c => c.Metrics.Any(m => m.Normalizer.NeedsPopulation) || Uses(c.Components));
    }

    /// <summary>Adds the raw values an account actually sent (not median-filled, imputed or pulse values).</summary>
    public void Add(HealthResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _accounts++;
            var segment = result.Segment ?? BaseSegment;
            if (!_segments.TryGetValue(segment, out var metrics))
            {
                _segments[segment] = metrics = new Dictionary<string, PriorityQueue<double, ulong>>(StringComparer.Ordinal);
            }

            foreach (var metric in result.Metrics)
            {
                if (metric.Raw is not { } raw || metric.Source != MetricSource.Signal || !double.IsFinite(raw))
                {
                    continue;
                }

                if (!metrics.TryGetValue(metric.Name, out var heap))
                {
                    // A max-heap on the hash: the root is the largest hash kept, the first to go.
                    metrics[metric.Name] = heap = new PriorityQueue<double, ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
                }

                var hash = Hash(result.AccountId, metric.Name);
                if (heap.Count < Capacity)
                {
                    heap.Enqueue(raw, hash);
                }
                else if (heap.TryPeek(out _, out var largest) && hash < largest)
                {
                    heap.DequeueEnqueue(raw, hash);
                }
            }
        }
    }

    /// <summary>The values kept, by segment then metric (segment <see cref="BaseSegment"/> for the base model).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> Values()
    {
        lock (_gate)
        {
            return _segments.ToDictionary(
                s => s.Key,
                s => (IReadOnlyDictionary<string, double[]>)s.Value.ToDictionary(
                    m => m.Key, m => m.Value.UnorderedItems.Select(i => i.Element).Order().ToArray(), StringComparer.Ordinal),
                StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Populations to score with, by segment, from stored values (see <see cref="Values"/>).</summary>
    public static IReadOnlyDictionary<string, SegmentPopulation> Populations(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.ToDictionary(
            s => s.Key,
            s => new SegmentPopulation(s.Value.ToDictionary(m => m.Key, m => new MetricPopulation(m.Value), StringComparer.Ordinal)),
            StringComparer.OrdinalIgnoreCase);
    }

    // FNV-1a over the UTF-16 code units of "account\0metric", then a 64-bit finalizer so nearby ids spread evenly.
    private static ulong Hash(string accountId, string metric)
    {
        var h = 14695981039346656037UL;
        foreach (var c in accountId)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h = (h ^ 0) * 1099511628211UL;
        foreach (var c in metric)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb93f34e53b2dUL;
        return h ^ (h >> 33);
    }
}
