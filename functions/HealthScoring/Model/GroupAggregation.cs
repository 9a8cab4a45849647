using System.Text.Json.Serialization;

namespace HealthScoring;

/// <summary>How a component combines the scores of its children. Serialized as its name.</summary>
[JsonConverter(typeof(ExactEnumJsonConverter<GroupAggregation>))]
public enum GroupAggregation
{
    /// <summary>Weighted mean over the children that have data.</summary>
    WeightedMean,

    /// <summary>The lowest child score ("weakest link"); children with weight 0 are ignored.</summary>
    Min,
}
