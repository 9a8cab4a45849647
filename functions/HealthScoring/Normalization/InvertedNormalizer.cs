namespace HealthScoring;

/// <summary>
/// Linear with lower being better: <see cref="Best"/> scores 100 and <see cref="Worst"/> scores 0, clamped
/// outside. JSON: <c>{"type":"inverted","best":4,"worst":72}</c>.
/// </summary>
/// <param name="Best">Raw value scoring 100.</param>
/// <param name="Worst">Raw value scoring 0.</param>
public sealed record InvertedNormalizer(double Best, double Worst) : Normalizer
{
    /// <inheritdoc />
    public override string Type => "inverted";

    /// <inheritdoc />
    protected override double Map(double raw, MetricPopulation? population) => (Worst - raw) / (Worst - Best) * 100;
}
