using HealthFunctions.Storage;
using Xunit;

namespace HealthFunctions.Tests.Storage;

/// <summary>Where an account's signal months are stored: the live ones in the account row while they fit, the rest in month rows.</summary>
public sealed class StateLayoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static SignalState Daily(int metrics, int days, bool heavy, DateTimeOffset end)
    {
        var state = new SignalState();
        for (var d = 0; d < days; d++)
        {
            for (var m = 0; m < metrics; m++)
            {
                var at = end.AddDays(-d);
                state.Apply($"metric_{m:D3}", heavy ? d + (1 / 3.0) : d % 50, at.AddMinutes(-1));
                if (heavy)
                {
                    state.Apply($"metric_{m:D3}", d + (1 / 7.0), at.AddMinutes(-2));
                }
            }
        }

        return state;
    }

    [Fact]
    public void Place_KeepsEveryLiveMonth_WhenTheyFit()
    {
        var state = Daily(15, 150, heavy: false, Now);

        var (kept, moved) = StateLayout.Place(state.SplitByMonth(), StateMonth.Of(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-179)));

        Assert.Empty(moved);
        Assert.Equal(state.Months, kept.Months);
    }

    [Fact]
    public void Place_MovesMonthsBeforeTheLiveWindow_AndKeepsTheLiveOnes()
    {
        var state = Daily(15, 400, heavy: false, Now);
        var liveFrom = StateMonth.Of(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-179));

        var (kept, moved) = StateLayout.Place(state.SplitByMonth(), liveFrom);

        Assert.All(kept.Months, m => Assert.True(m >= liveFrom));
        Assert.All(moved.Keys, m => Assert.True(m < liveFrom));
        Assert.Equal(state.Months.Count, kept.Months.Count + moved.Count);
    }

    [Fact]
    public void Place_WhenTheLiveMonthsDoNotFit_KeepsTheNewestThatDo_WithinTheBudget()
    {
        var state = Daily(SignalState.MaxMetrics, 180, heavy: true, Now);
        Assert.True(SignalStateCodec.Encode(state).Length > 720_000, "the finding's case: over the old row limit");

        var (kept, moved) = StateLayout.Place(state.SplitByMonth(), StateMonth.Of(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-179)));

        Assert.InRange(SignalStateCodec.Encode(kept).Length, 1, StateLayout.InlineBytes);
        Assert.NotEmpty(moved);
        Assert.True(kept.Months.Min() > moved.Keys.Max(), "the account row keeps the newest months");
        Assert.All(moved.Values, m => Assert.InRange(SignalStateCodec.Encode(m).Length, 1, StateLayout.MaxMonthBytes));
    }

    [Fact]
    public void WorstMonth_EncodesWithinTheBound_AndTheBoundFitsARow()
    {
        // 200 metrics with the longest names, every day of a 31-day month, several fractional values a day (large counts).
        var state = new SignalState();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var m = 0; m < SignalState.MaxMetrics; m++)
        {
            var name = $"m{m:D3}".PadRight(100, 'x');
            for (var d = 0; d < 31; d++)
            {
                for (var v = 0; v < 3; v++)
                {
                    state.Apply(name, Math.PI * (m + d + v + 1) * 1e7, start.AddDays(d).AddMinutes(1439 - v));
                }
            }
        }

        var bytes = SignalStateCodec.Encode(state).Length;

        Assert.InRange(bytes, 200_000, StateLayout.MaxMonthBytes);
        Assert.True(StateLayout.MaxMonthBytes <= AccountEntityMapper.MaxChunks * AccountEntityMapper.ChunkBytes);
        Assert.True(StateLayout.InlineBytes <= AccountEntityMapper.MaxChunks * AccountEntityMapper.ChunkBytes);
    }

    [Fact]
    public void SplitByMonth_ThenMerge_GivesBackTheSameBuckets()
    {
        var state = Daily(5, 100, heavy: true, Now);

        var merged = SignalState.Merge(state.SplitByMonth().Values);

        Assert.Equal(state.Metrics, merged.Metrics);
        Assert.All(state.Metrics, m => Assert.Equal(state.Buckets(m), merged.Buckets(m)));
    }

    [Fact]
    public void PagedMonths_RoundTrip_AndCorruptTextIsRefused()
    {
        var months = PagedMonths.None.With([new StateMonth(2024 * 12), new StateMonth((2025 * 12) + 11)], 7, []).With([new StateMonth(2024 * 12)], 9, []);

        var decoded = PagedMonths.Decode(months.Encode());

        Assert.Equal("202401=9,202512=7", months.Encode());
        Assert.Equal(months.Months, decoded.Months);
        Assert.Equal(9, decoded.VersionOf(new StateMonth(2024 * 12)));
        Assert.Throws<InvalidDataException>(() => PagedMonths.Decode("2024-1=3"));
        Assert.Null(PagedMonths.None.Encode());
    }
}
