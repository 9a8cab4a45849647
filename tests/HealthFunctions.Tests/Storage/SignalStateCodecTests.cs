using HealthFunctions.Storage;
using Xunit;

namespace HealthFunctions.Tests.Storage;

public sealed class SignalStateCodecTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Encode_ThenDecode_RoundTripsEveryBucketExactly()
    {
        var state = new SignalState();
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var metric = "m" + random.Next(12);
            var value = random.Next(4) switch
            {
                0 => random.Next(-1000, 1000),
                1 => random.NextDouble() * 1e6,
                2 => -random.NextDouble(),
                _ => random.Next(0, 3) * 1e12,
            };
            state.Apply(metric, value, Start.AddMinutes(random.Next(0, 90 * 24 * 60)));
        }

        var decoded = SignalStateCodec.Decode(SignalStateCodec.Encode(state));

        Assert.Equal(state.Metrics, decoded.Metrics);
        foreach (var metric in state.Metrics)
        {
            Assert.Equal(state.Buckets(metric), decoded.Buckets(metric));
        }
    }

    [Fact]
    public void DecodeHistory_GivesTheEngineTheSameBucketsAsDecode()
    {
        var state = new SignalState();
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            state.Apply("m" + random.Next(5), random.Next(4) == 0 ? random.NextDouble() : random.Next(100), Start.AddMinutes(random.Next(0, 60 * 24 * 60)));
        }

        var encoded = SignalStateCodec.Encode(state);
        var history = SignalStateCodec.DecodeHistory(encoded);

        foreach (var metric in state.Metrics)
        {
            Assert.True(history.TryGet(metric, out var buckets));
            Assert.Equal(state.Buckets(metric).Select(b => new HealthScoring.DailyBucket(b.Day, b.Count, b.Sum, b.Min, b.Max, b.Last)), buckets);
        }

        Assert.False(history.TryGet("absent", out _));
        Assert.False(SignalStateCodec.DecodeHistory([]).TryGet("m0", out _));
    }

    [Fact]
    public void Encode_DailyWholeNumbers_TakesAFewBytesPerBucket()
    {
        var state = new SignalState();
        for (var day = 0; day < 90; day++)
        {
            for (var m = 0; m < 10; m++)
            {
                state.Apply("metric_" + m, day % 50, Start.AddDays(day).AddHours(9));
            }
        }

        var bytes = SignalStateCodec.Encode(state);

        Assert.InRange(bytes.Length, 900, 90 * 10 * 5);
    }

    [Fact]
    public void Apply_OutOfOrderWithinADay_KeepsTheLatestByTime()
    {
        var state = new SignalState();
        state.Apply("nps", 9, Start.AddHours(15));
        state.Apply("nps", 3, Start.AddHours(8));

        var bucket = Assert.Single(state.Buckets("nps"));

        Assert.Equal((2, 12.0, 3.0, 9.0, 9.0), (bucket.Count, bucket.Sum, bucket.Min, bucket.Max, bucket.Last));
    }

    [Fact]
    public void Prune_DropsOldBucketsAndEmptyMetrics()
    {
        var state = new SignalState();
        state.Apply("old", 1, Start);
        state.Apply("both", 1, Start);
        state.Apply("both", 2, Start.AddDays(10));

        state.Prune(DateOnly.FromDateTime(Start.AddDays(5).UtcDateTime));

        Assert.Equal(["both"], state.Metrics);
        Assert.Equal(2, Assert.Single(state.Buckets("both")).Last);
    }

    [Theory]
    [InlineData(new byte[] { 2 })]
    [InlineData(new byte[] { 1, 1, 5, (byte)'a' })]
    [InlineData(new byte[] { 1, 0, 7 })]
    public void Decode_CorruptInput_ThrowsInvalidData(byte[] data) =>
        Assert.Throws<InvalidDataException>(() => SignalStateCodec.Decode(data));
}
