namespace HealthScoring.Tests.Support;

/// <summary>Builds signal histories for tests.</summary>
internal static class Histories
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>Each signal has one value, posted on <see cref="AsOf"/>.</summary>
    public static SignalHistory Latest(params (string Signal, double Value)[] values) =>
        new(values.ToDictionary(v => v.Signal, v => new[] { DailyBucket.Of(AsOf, v.Value) }));

    /// <summary>Each signal has the given values on consecutive days ending on <see cref="AsOf"/>.</summary>
    public static SignalHistory Daily(params (string Signal, double[] Values)[] series) =>
        new(series.ToDictionary(
            s => s.Signal,
            s => s.Values.Select((v, i) => DailyBucket.Of(AsOf.AddDays(i - s.Values.Length + 1), v)).ToArray()));

    public static AccountProfile Account(string? segment = null, string? stage = null) => new("acct-1", segment, stage);
}
