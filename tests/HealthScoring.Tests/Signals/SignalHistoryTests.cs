namespace HealthScoring.Tests.Signals;

public sealed class SignalHistoryTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public void Constructor_WrapsArraysWithoutCopying()
    {
        var buckets = new[] { DailyBucket.Of(Day, 1) };

        var history = new SignalHistory(new Dictionary<string, DailyBucket[]> { ["logins"] = buckets });

        Assert.True(history.TryGet("logins", out var found));
        Assert.Same(buckets, found);
        Assert.False(history.TryGet("nps", out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_BucketsNotStrictlyAscending_Throws(int offset)
    {
        var buckets = new[] { DailyBucket.Of(Day, 1), DailyBucket.Of(Day.AddDays(offset), 2) };

        var ex = Assert.Throws<ArgumentException>(() => new SignalHistory(new Dictionary<string, DailyBucket[]> { ["logins"] = buckets }));

        Assert.Contains("logins", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromUnsorted_SortsAndMergesSameDay()
    {
        var history = SignalHistory.FromUnsorted(
        [
            new KeyValuePair<string, IEnumerable<DailyBucket>>("nps", [DailyBucket.Of(Day, 9), DailyBucket.Of(Day.AddDays(-1), 3), DailyBucket.Of(Day, 5)]),
        ]);

        history.TryGet("nps", out var buckets);

        Assert.Equal([DailyBucket.Of(Day.AddDays(-1), 3), new DailyBucket(Day, 2, 14, 5, 9, 5)], buckets);
    }

    [Fact]
    public void Add_FoldsAValueIntoTheBucket() =>
        Assert.Equal(new DailyBucket(Day, 3, 6, 1, 3, 2), DailyBucket.Of(Day, 3).Add(1).Add(2));
}
