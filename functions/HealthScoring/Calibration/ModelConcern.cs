using System.Text.Json.Serialization;

namespace HealthScoring.Calibration;

/// <summary>Why activating a proposed model needs a second thought: a code and the reason in words.</summary>
/// <param name="Code"><c>flipped-metric</c> (it scores a metric the other way round from the model it came from) or <c>worse-backtest</c>.</param>
/// <param name="Message">The reason, naming the metrics or the figures.</param>
public sealed record ModelConcern(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>The code of a flipped metric.</summary>
    public const string FlippedMetric = "flipped-metric";

    /// <summary>The code of a worse backtest.</summary>
    public const string WorseBacktest = "worse-backtest";
}
