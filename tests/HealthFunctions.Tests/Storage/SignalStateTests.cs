using HealthFunctions.Storage;
using Xunit;

namespace HealthFunctions.Tests.Storage;

/// <summary>The daily buckets stay finite whatever reaches them: values are held within the documented magnitude and counts saturate.</summary>
public sealed class SignalStateTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1e308)]
    [InlineData(-1e308)]
    [InlineData(double.MaxValue)]
    public void Apply_HugeValuesTwice_KeepsEverySumFinite(double value)
    {
        var state = new SignalState();

        state.Apply("m", value, At);
        state.Apply("m", value, At.AddMinutes(1));

        var bucket = Assert.Single(state.Buckets("m"));
        Assert.Equal(2, bucket.Count);
        Assert.Equal(Math.CopySign(2 * SignalState.MaxMagnitude, value), bucket.Sum);
        Assert.Equal(Math.CopySign(SignalState.MaxMagnitude, value), bucket.Last);
        Assert.True(double.IsFinite(bucket.Min) && double.IsFinite(bucket.Max));
    }

    [Fact]
    public void Apply_NotANumber_IsAProgrammingError_NotAValue()
    {
        // Every way in refuses non-finite numbers first, so one arriving here is a bug to surface, not data to keep.
        var state = new SignalState();
        state.Apply("m", 5, At);

        Assert.Throws<ArgumentOutOfRangeException>(() => state.Apply("m", double.NaN, At.AddMinutes(1)));
        Assert.Equal((1, 5.0), (state.Buckets("m")[0].Count, state.Buckets("m")[0].Sum));
    }

    [Fact]
    public void Bucket_AtTheLargestCount_KeepsCountAndSumTogether_AndStillTracksTheLatestValue()
    {
        var full = new StoredBucket(20_000, int.MaxValue, 3.0 * int.MaxValue, 1, 5, 3, 600);

        var next = full.Add(-7, 601);

        Assert.Equal((int.MaxValue, 3.0 * int.MaxValue), (next.Count, next.Sum));
        Assert.Equal((-7.0, -7.0, 5.0, 601), (next.Last, next.Min, next.Max, next.LastMinute));
    }

    [Fact]
    public void LargestPossibleWindowSum_IsFarFromOverflowing()
    {
        // Every bucket at its largest count of values at the largest magnitude, over the whole retention.
        var bound = (double)int.MaxValue * SignalState.MaxMagnitude * (SignalState.RetentionDays + 1);

        Assert.True(bound < 1e30, $"{bound}");
    }
}
