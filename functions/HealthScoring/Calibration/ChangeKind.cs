using System.Text.Json.Serialization;

namespace HealthScoring.Calibration;

/// <summary>The kinds of change a calibration makes. Serialized as its name.</summary>
[JsonConverter(typeof(ExactEnumJsonConverter<ChangeKind>))]
public enum ChangeKind
{
    /// <summary>A metric now runs the other way: what the model scored as healthy went with more churn.</summary>
    Flipped,

    /// <summary>A numeric metric's normalizer range (and type, where it was not a straight line of the raw value).</summary>
    Range,

    /// <summary>A banded, yes/no or categorical metric's score per level.</summary>
    Levels,

    /// <summary>The score a metric takes when it has no value.</summary>
    Missing,

    /// <summary>A metric's or component's weight.</summary>
    Weight,

    /// <summary>Left as it was: the training outcomes say nothing about it.</summary>
    Kept,

    /// <summary>A component's aggregation (weakest link becomes a weighted mean: the fit adds effects).</summary>
    Aggregation,

    /// <summary>A segment's shift, or its overrides removed.</summary>
    Segment,

    /// <summary>A lifecycle stage's shift, or its overrides removed.</summary>
    Stage,

    /// <summary>The tier boundaries or hysteresis.</summary>
    Tiers,

    /// <summary>The display scale: how weighted scores are shown on 0-100.</summary>
    Display,
}
