using System.Text.Json.Serialization;

namespace HealthScoring;

/// <summary>The traffic-light tier of a health score. Serialized as its name ("Red", "Yellow", "Green").</summary>
[JsonConverter(typeof(ExactEnumJsonConverter<HealthTier>))]
public enum HealthTier
{
    /// <summary>At risk: below the Yellow boundary (0-59 by default).</summary>
    Red = 0,

    /// <summary>Needs attention: between the Yellow and Green boundaries (60-79 by default).</summary>
    Yellow = 1,

    /// <summary>Healthy: at or above the Green boundary (80-100 by default).</summary>
    Green = 2,
}
