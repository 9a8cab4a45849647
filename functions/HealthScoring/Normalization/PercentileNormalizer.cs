namespace HealthScoring;

/// <summary>
/// Population-relative: the percentile rank of the account's raw value within its segment
/// (<see cref="MetricPopulation.PercentileRank"/>). Missing when no population is given for the metric.
/// JSON: <c>{"type":"percentile"}</c>.
/// </summary>
public sealed record PercentileNormalizer : Normalizer
{
    /// <inheritdoc />
    public override string Type => "percentile";

    /// <inheritdoc />
    public override bool NeedsPopulation => true;

    /// <inheritdoc />
    protected override double Map(double raw, MetricPopulation? population) =>
        population is null || population.Count == 0 ? double.NaN : population.PercentileRank(raw);
}
