namespace HealthScoring;

/// <summary>
/// The raw value is already a 0-100 score (e.g. from another system) and is kept within
/// [<see cref="Min"/>, <see cref="Max"/>]. JSON: <c>{"type":"clamped","min":10,"max":95}</c> (both optional).
/// </summary>
/// <param name="Min">Floor (default 0).</param>
/// <param name="Max">Ceiling (default 100).</param>
public sealed record ClampedNormalizer(double Min = 0, double Max = 100) : Normalizer
{
    /// <inheritdoc />
    public override string Type => "clamped";

    /// <inheritdoc />
    protected override double Map(double raw, MetricPopulation? population) => Math.Clamp(raw, Min, Max);
}
