using System.Text.Json.Serialization;

namespace HealthScoring;

/// <summary>Where a metric's raw value came from. Serialized as its name.</summary>
[JsonConverter(typeof(ExactEnumJsonConverter<MetricSource>))]
public enum MetricSource
{
    /// <summary>No data: the metric does not count (its weight went to its siblings).</summary>
    Missing,

    /// <summary>The account's signal history.</summary>
    Signal,

    /// <summary>The segment median (missing data under <see cref="MissingDataPolicy.SegmentMedian"/>); not counted in coverage.</summary>
    SegmentMedian,

    /// <summary>An active <see cref="CsmPulse"/>.</summary>
    Pulse,

    /// <summary>No usable value: the metric's <see cref="MetricDefinition.MissingScore"/> stood in; not counted in coverage.</summary>
    Imputed,
}
