namespace HealthScoring;

/// <summary>
/// Linear between two points: <see cref="From"/> scores 0 and <see cref="To"/> scores 100, clamped outside.
/// With <c>From &gt; To</c> lower raw values score higher. JSON: <c>{"type":"linear","from":0,"to":200}</c>.
/// </summary>
/// <param name="From">Raw value scoring 0.</param>
/// <param name="To">Raw value scoring 100.</param>
public sealed record LinearNormalizer(double From, double To) : Normalizer
{
    /// <inheritdoc />
    public override string Type => "linear";

    /// <inheritdoc />
    protected override double Map(double raw, MetricPopulation? population) => (raw - From) / (To - From) * 100;
}
