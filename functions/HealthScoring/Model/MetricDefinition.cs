namespace HealthScoring;

/// <summary>One metric of a model: which signal it reads, over which window, and how it becomes a 0-100 score.</summary>
/// <param name="Name">Unique name in the model (also the key in results, drivers and populations).</param>
/// <param name="Signal">The signal name read from the history.</param>
/// <param name="Weight">Relative weight among its siblings (≥ 0).</param>
/// <param name="WindowDays">Window length in days ending on (and including) the as-of day.</param>
/// <param name="Aggregation">How the window's buckets become one raw value.</param>
/// <param name="Normalizer">How the raw value becomes 0-100.</param>
/// <param name="Direction">Whether the normalized score is flipped.</param>
/// <param name="Critical">When true and the metric has data scoring in the Red band, the account's tier is capped at Red.</param>
/// <param name="Pulse">When true, an active <see cref="CsmPulse"/> supplies the raw value; never median-filled.</param>
/// <param name="WhenEmpty">What an empty window means.</param>
/// <param name="TrendMode">Percent or absolute change, for <see cref="Aggregation.Trend"/>.</param>
/// <param name="MissingScore">
/// The score the metric takes when it has no usable value (an empty window, or a value the normalizer cannot place),
/// instead of being reweighted; reported as <see cref="MetricSource.Imputed"/> and not counted in coverage. Null: the
/// model's <see cref="MissingDataPolicy"/> applies.
/// </param>
/// <param name="Label">What people call it ("Active users"), shown instead of <paramref name="Name"/>; null: the name.</param>
/// <param name="Unit">The unit of its raw value ("%", "hours", a scale such as "0-10"); null: none.</param>
public sealed record MetricDefinition(
    string Name,
    string Signal,
    double Weight,
    int WindowDays,
    Aggregation Aggregation,
    Normalizer Normalizer,
    Direction Direction = Direction.HigherIsBetter,
    bool Critical = false,
    bool Pulse = false,
    EmptyWindow WhenEmpty = EmptyWindow.Missing,
    TrendMode TrendMode = TrendMode.Relative,
    double? MissingScore = null,
    string? Label = null,
    string? Unit = null);
