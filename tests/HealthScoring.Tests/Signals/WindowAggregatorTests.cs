namespace HealthScoring.Tests.Signals;

public sealed class WindowAggregatorTests
{
    private static readonly DateOnly End = new(2026, 11, 23);

    // Days -4..0 relative to End hold values 1..5 (one value per day); day +1 (the future) holds 100.
    private static readonly DailyBucket[] FiveDays =
    [
        DailyBucket.Of(End.AddDays(-4), 1),
        DailyBucket.Of(End.AddDays(-3), 2),
        DailyBucket.Of(End.AddDays(-2), 3),
        DailyBucket.Of(End.AddDays(-1), 4),
        DailyBucket.Of(End, 5),
        DailyBucket.Of(End.AddDays(1), 100),
    ];

    [Theory]
    [InlineData(Aggregation.Latest, 3, 5)]
    [InlineData(Aggregation.Sum, 3, 12)]
    [InlineData(Aggregation.Mean, 3, 4)]
    [InlineData(Aggregation.Count, 3, 3)]
    [InlineData(Aggregation.Min, 3, 3)]
    [InlineData(Aggregation.Max, 3, 5)]
    [InlineData(Aggregation.Sum, 1, 5)]
    [InlineData(Aggregation.Sum, 90, 15)]
    public void TryAggregate_ReadsOnlyTheWindowEndingOnAsOf(Aggregation aggregation, int window, double expected)
    {
        Assert.True(WindowAggregator.TryAggregate(FiveDays, End.DayNumber, window, aggregation, TrendMode.Relative, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(TrendMode.Absolute, 2, 2)]      // mean(4,5) − mean(2,3) = 4.5 − 2.5
    [InlineData(TrendMode.Relative, 2, 80)]     // 2 / 2.5 × 100
    [InlineData(TrendMode.Relative, 1, 25)]     // (5 − 4) / 4 × 100
    public void Trend_ComparesWindowMeanWithThePrecedingWindow(TrendMode mode, int window, double expected)
    {
        Assert.True(WindowAggregator.TryAggregate(FiveDays, End.DayNumber, window, Aggregation.Trend, mode, out var value));
        Assert.Equal(expected, value, 9);
    }

    [Fact]
    public void Trend_WithoutPrecedingData_IsNaN()
    {
        Assert.True(WindowAggregator.TryAggregate(FiveDays, End.DayNumber, 5, Aggregation.Trend, TrendMode.Absolute, out var value));
        Assert.True(double.IsNaN(value));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 3, double.NaN)]
    public void Trend_FromZeroMean_IsZeroOrUndefined(double before, double now, double expected)
    {
        DailyBucket[] buckets = [DailyBucket.Of(End.AddDays(-1), before), DailyBucket.Of(End, now)];

        WindowAggregator.TryAggregate(buckets, End.DayNumber, 1, Aggregation.Trend, TrendMode.Relative, out var value);

        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(Aggregation.Sum)]
    [InlineData(Aggregation.Latest)]
    [InlineData(Aggregation.Count)]
    [InlineData(Aggregation.Trend)]
    public void TryAggregate_EmptyWindow_HasNoData(Aggregation aggregation)
    {
        Assert.False(WindowAggregator.TryAggregate(FiveDays, End.AddDays(-10).DayNumber, 5, aggregation, TrendMode.Relative, out var value));
        Assert.False(WindowAggregator.TryAggregate([], End.DayNumber, 5, aggregation, TrendMode.Relative, out _));
        Assert.True(double.IsNaN(value));
    }

    [Fact]
    public void TryAggregate_SkipsBucketsWithZeroCount()
    {
        DailyBucket[] buckets = [DailyBucket.Of(End.AddDays(-1), 7), new DailyBucket(End, 0, 0, 0, 0, 0)];

        WindowAggregator.TryAggregate(buckets, End.DayNumber, 5, Aggregation.Latest, TrendMode.Relative, out var latest);
        WindowAggregator.TryAggregate(buckets, End.DayNumber, 5, Aggregation.Min, TrendMode.Relative, out var min);

        Assert.Equal((7.0, 7.0), (latest, min));
    }

    [Fact]
    public void TryAggregate_NegativeValues_AreAggregatedAsIs()
    {
        DailyBucket[] buckets = [DailyBucket.Of(End.AddDays(-1), -3), DailyBucket.Of(End, -1)];

        WindowAggregator.TryAggregate(buckets, End.DayNumber, 5, Aggregation.Sum, TrendMode.Relative, out var sum);
        WindowAggregator.TryAggregate(buckets, End.DayNumber, 5, Aggregation.Min, TrendMode.Relative, out var min);

        Assert.Equal((-4.0, -3.0), (sum, min));
    }

    [Theory]
    [InlineData(Aggregation.Sum)]
    [InlineData(Aggregation.Mean)]
    [InlineData(Aggregation.Min)]
    [InlineData(Aggregation.Max)]
    public void TryAggregate_NaNInTheWindow_PoisonsTheValue(Aggregation aggregation)
    {
        DailyBucket[] buckets = [DailyBucket.Of(End.AddDays(-1), double.NaN), DailyBucket.Of(End, 2)];

        Assert.True(WindowAggregator.TryAggregate(buckets, End.DayNumber, 5, aggregation, TrendMode.Relative, out var value));
        Assert.True(double.IsNaN(value));
    }

    [Fact]
    public void Mean_IsOverValuesNotDays()
    {
        DailyBucket[] buckets = [DailyBucket.Of(End.AddDays(-1), 10).Add(0).Add(2), DailyBucket.Of(End, 8)];

        WindowAggregator.TryAggregate(buckets, End.DayNumber, 5, Aggregation.Mean, TrendMode.Relative, out var mean);

        Assert.Equal(5, mean);
    }
}
