namespace HealthScoring;

/// <summary>
/// The distributions of a segment's accounts, keyed by metric name. Build it with
/// <see cref="SegmentPopulationBuilder"/> from a first scoring pass (each <see cref="MetricResult.Raw"/>),
/// then pass it in <see cref="ScoringInputs.Population"/> for the second.
/// </summary>
public sealed class SegmentPopulation
{
    private readonly Dictionary<string, MetricPopulation> metrics;

    /// <summary>Wraps distributions keyed by metric name.</summary>
    public SegmentPopulation(IReadOnlyDictionary<string, MetricPopulation> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        this.metrics = new Dictionary<string, MetricPopulation>(metrics, StringComparer.Ordinal);
    }

    /// <summary>The metric names with a distribution.</summary>
    public IEnumerable<string> Metrics => metrics.Keys;

    /// <summary>The distribution of <paramref name="metric"/>, or null.</summary>
    public MetricPopulation? Get(string metric) => metrics.GetValueOrDefault(metric);
}
