namespace HealthScoring;

/// <summary>
/// Yes/no: any non-zero raw value scores <see cref="TrueScore"/>, zero scores <see cref="FalseScore"/>.
/// JSON: <c>{"type":"boolean","trueScore":100,"falseScore":0}</c> (both optional).
/// </summary>
/// <param name="TrueScore">Score of a non-zero value (default 100).</param>
/// <param name="FalseScore">Score of zero (default 0).</param>
public sealed record BooleanNormalizer(double TrueScore = 100, double FalseScore = 0) : Normalizer
{
    /// <inheritdoc />
    public override string Type => "boolean";

    /// <inheritdoc />
    protected override double Map(double raw, MetricPopulation? population) => raw != 0 ? TrueScore : FalseScore;
}
