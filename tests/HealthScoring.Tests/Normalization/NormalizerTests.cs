namespace HealthScoring.Tests.Normalization;

public sealed class NormalizerTests
{
    public static TheoryData<Normalizer> AllNormalizers => new()
    {
        new LinearNormalizer(0, 200),
        new InvertedNormalizer(4, 72),
        new BandsNormalizer([new Band(2, 100), new Band(5, 60), new Band(null, 10)]),
        new BooleanNormalizer(),
        new PercentNormalizer(),
        new PercentNormalizer(Fraction: true),
        new ClampedNormalizer(10, 90),
        new PercentileNormalizer(),
        new CategoricalNormalizer([new Level(1, 90, "owner"), new Level(2, 20)], Otherwise: 50),
    };

    [Theory]
    [MemberData(nameof(AllNormalizers))]
    public void Normalize_NaNOrInfinity_IsMissing(Normalizer normalizer)
    {
        var population = new MetricPopulation([1, 2, 3]);

        Assert.Null(normalizer.Normalize(double.NaN, population));
        Assert.Null(normalizer.Normalize(double.PositiveInfinity, population));
        Assert.Null(normalizer.Normalize(double.NegativeInfinity, population));
    }

    [Theory]
    [MemberData(nameof(AllNormalizers))]
    public void Normalize_AnyFiniteValue_StaysWithin0And100(Normalizer normalizer)
    {
        var population = new MetricPopulation([-5, 0, 5, 1e9]);
        foreach (var raw in new[] { double.MinValue, -1e12, -1, -double.Epsilon, 0, 0.5, 1, 50, 99.999, 100, 1e12, double.MaxValue })
        {
            var score = normalizer.Normalize(raw, population);
            Assert.NotNull(score);
            Assert.InRange(score.Value, 0, 100);
        }
    }

    [Theory]
    [InlineData(0, 200, 0, 0)]
    [InlineData(0, 200, 100, 50)]
    [InlineData(0, 200, 200, 100)]
    [InlineData(0, 200, 250, 100)]
    [InlineData(0, 200, -10, 0)]
    [InlineData(0, 10, 8, 80)]
    [InlineData(1, 5, 4, 75)]
    [InlineData(10, 0, 2.5, 75)]
    [InlineData(-10, 10, -5, 25)]
    public void Linear_MapsFromTo0And100AndClamps(double from, double to, double raw, double expected) =>
        Assert.Equal(expected, new LinearNormalizer(from, to).Normalize(raw)!.Value, 9);

    [Theory]
    [InlineData(4, 100)]
    [InlineData(38, 50)]
    [InlineData(72, 0)]
    [InlineData(0, 100)]
    [InlineData(-3, 100)]
    [InlineData(500, 0)]
    public void Inverted_LowerIsBetterAndClamps(double raw, double expected) =>
        Assert.Equal(expected, new InvertedNormalizer(4, 72).Normalize(raw)!.Value, 9);

    [Theory]
    [InlineData(-7, 100)]
    [InlineData(0, 100)]
    [InlineData(2, 100)]
    [InlineData(2.0000001, 60)]
    [InlineData(5, 60)]
    [InlineData(5.5, 10)]
    [InlineData(1e300, 10)]
    public void Bands_UpToIsInclusiveAndLastBandIsOpen(double raw, double expected) =>
        Assert.Equal(expected, new BandsNormalizer([new Band(2, 100), new Band(5, 60), new Band(null, 10)]).Normalize(raw));

    [Fact]
    public void Bands_WithOnlyTheOpenBand_ScoresEverythingTheSame() =>
        Assert.Equal(42, new BandsNormalizer([new Band(null, 42)]).Normalize(-1e9));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100)]
    [InlineData(-1, 100)]
    [InlineData(0.0001, 100)]
    public void Boolean_NonZeroIsTrue(double raw, double expected) =>
        Assert.Equal(expected, new BooleanNormalizer().Normalize(raw));

    [Fact]
    public void Boolean_WithCustomScores_UsesThem()
    {
        var normalizer = new BooleanNormalizer(TrueScore: 0, FalseScore: 100);

        Assert.Equal((0.0, 100.0), (normalizer.Normalize(1)!.Value, normalizer.Normalize(0)!.Value));
    }

    [Theory]
    [InlineData(false, 42, 42)]
    [InlineData(false, -5, 0)]
    [InlineData(false, 140, 100)]
    [InlineData(true, 0.42, 42)]
    [InlineData(true, 1.5, 100)]
    [InlineData(true, -0.1, 0)]
    public void Percent_IsItsOwnScoreClamped(bool fraction, double raw, double expected) =>
        Assert.Equal(expected, new PercentNormalizer(fraction).Normalize(raw)!.Value, 9);

    [Theory]
    [InlineData(50, 50)]
    [InlineData(5, 10)]
    [InlineData(-5, 10)]
    [InlineData(95, 90)]
    public void Clamped_KeepsValueWithinFloorAndCeiling(double raw, double expected) =>
        Assert.Equal(expected, new ClampedNormalizer(10, 90).Normalize(raw));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(2.5, 20)]
    [InlineData(3, 25)]
    [InlineData(10, 95)]
    [InlineData(11, 100)]
    public void Percentile_RanksWithinPopulationCountingTiesHalf(double raw, double expected)
    {
        var population = new MetricPopulation([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        Assert.Equal(expected, new PercentileNormalizer().Normalize(raw, population)!.Value, 9);
    }

    [Fact]
    public void Percentile_WithoutPopulation_IsMissing()
    {
        Assert.Null(new PercentileNormalizer().Normalize(5));
        Assert.Null(new PercentileNormalizer().Normalize(5, new MetricPopulation([])));
    }

    [Theory]
    [InlineData(1.0, 90.0)]
    [InlineData(2.0, 20.0)]
    [InlineData(3.0, null)]
    [InlineData(1.5, null)]
    public void Categorical_ScoresEachLevel_AndAnUnknownValueIsMissing(double raw, double? expected)
    {
        var normalizer = new CategoricalNormalizer([new Level(1, 90, "owner"), new Level(2, 20, "rent")]);

        Assert.Equal(expected, normalizer.Normalize(raw));
    }

    [Fact]
    public void Categorical_WithOtherwise_ScoresAnUnknownValue()
    {
        var normalizer = new CategoricalNormalizer([new Level(1, 90)], Otherwise: 35);

        Assert.Equal((90.0, 35.0), (normalizer.Normalize(1)!.Value, normalizer.Normalize(7)!.Value));
        Assert.Equal("1", normalizer.Levels[0].Name);
    }
}
