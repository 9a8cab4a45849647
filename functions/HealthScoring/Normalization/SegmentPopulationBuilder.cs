namespace HealthScoring;

/// <summary>Collects raw metric values from first-pass results into a <see cref="SegmentPopulation"/>.</summary>
public sealed class SegmentPopulationBuilder
{
    private readonly Dictionary<string, List<double>> values = new(StringComparer.Ordinal);

    /// <summary>Adds the raw values the account actually sent (median-filled and missing metrics are skipped).</summary>
    public SegmentPopulationBuilder Add(HealthResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var metric in result.Metrics)
        {
            if (metric.Raw is { } raw && metric.Source is MetricSource.Signal)
            {
                Add(metric.Name, raw);
            }
        }

        return this;
    }

    /// <summary>Adds one raw value of <paramref name="metric"/>.</summary>
    public SegmentPopulationBuilder Add(string metric, double raw)
    {
        if (!values.TryGetValue(metric, out var list))
        {
            values[metric] = list = [];
        }

        list.Add(raw);
        return this;
    }

    /// <summary>The population collected so far.</summary>
    public SegmentPopulation Build() =>
        new(values.ToDictionary(kv => kv.Key, kv => new MetricPopulation(kv.Value), StringComparer.Ordinal));
}
