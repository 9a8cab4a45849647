namespace HealthScoring.Tests.Normalization;

public sealed class MetricPopulationTests
{
    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 7 }, 7)]
    [InlineData(new double[] { 1, double.NaN, double.PositiveInfinity, 5, 3 }, 3)]
    public void Median_IsTheMiddleOfTheFiniteValues(double[] values, double expected) =>
        Assert.Equal(expected, new MetricPopulation(values).Median);

    [Fact]
    public void Median_OfEmptyPopulation_IsNaN() =>
        Assert.True(double.IsNaN(new MetricPopulation([double.NaN]).Median));

    [Fact]
    public void PercentileRank_AllEqual_IsFifty() =>
        Assert.Equal(50, new MetricPopulation([4, 4, 4, 4]).PercentileRank(4));

    [Fact]
    public void Builder_CollectsOnlyRealSignalValues()
    {
        var metrics = new[]
        {
            new MetricResult("a", "c", "a", 10, 10, MetricSource.Signal, 1, 0.5, 5, false),
            new MetricResult("b", "c", "b", 20, 20, MetricSource.SegmentMedian, 1, 0.5, 10, false),
            new MetricResult("c", "c", "c", null, null, MetricSource.Missing, 1, 0, 0, false),
        };
        var result = new HealthResult("x", "v", null, null, default, 15, HealthTier.Red, 15, 0.5, [], null, null, [], metrics);

        var population = new SegmentPopulationBuilder().Add(result).Add("a", 30).Build();

        Assert.Equal(["a"], population.Metrics.ToArray());
        Assert.Equal(20, population.Get("a")!.Median);
        Assert.Null(population.Get("b"));
    }
}
