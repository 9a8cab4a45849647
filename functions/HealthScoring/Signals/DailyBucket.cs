namespace HealthScoring;

/// <summary>
/// One day of one signal for one account: how many values arrived and their sum, minimum, maximum and the
/// last one. A bucket with <see cref="Count"/> 0 holds no data and is skipped by every aggregation.
/// </summary>
/// <param name="Day">The UTC day the values belong to.</param>
/// <param name="Count">Number of values received that day.</param>
/// <param name="Sum">Sum of the values.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Last">The most recent value of the day.</param>
public readonly record struct DailyBucket(DateOnly Day, int Count, double Sum, double Min, double Max, double Last)
{
    /// <summary>A bucket holding a single value.</summary>
    public static DailyBucket Of(DateOnly day, double value) => new(day, 1, value, value, value, value);

    /// <summary>This bucket with one more value folded in (the new value becomes <see cref="Last"/>).</summary>
    public DailyBucket Add(double value) => Count == 0
        ? Of(Day, value)
        : new(Day, Count + 1, Sum + value, Math.Min(Min, value), Math.Max(Max, value), value);
}
