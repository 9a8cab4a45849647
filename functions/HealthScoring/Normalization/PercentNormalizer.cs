namespace HealthScoring;

/// <summary>
/// The raw value is a percentage (0-100, or 0-1 when <see cref="Fraction"/>) and is its own score, clamped.
/// JSON: <c>{"type":"percent"}</c> or <c>{"type":"percent","fraction":true}</c>.
/// </summary>
/// <param name="Fraction">Whether raw values are fractions (0-1) rather than percents.</param>
public sealed record PercentNormalizer(bool Fraction = false) : Normalizer
{
    /// <inheritdoc />
    public override string Type => "percent";

    /// <inheritdoc />
    protected override double Map(double raw, MetricPopulation? population) => Fraction ? raw * 100 : raw;
}
