namespace HealthFunctions.Storage;

/// <summary>
/// One day of one metric for one account: what ingestion keeps and the engine aggregates.
/// <see cref="LastMinute"/> (minute of the UTC day) orders values that arrive out of order for "latest".
/// </summary>
public readonly record struct StoredBucket(int DayNumber, int Count, double Sum, double Min, double Max, double Last, int LastMinute)
{
    /// <summary>The bucket's day.</summary>
    public DateOnly Day => DateOnly.FromDayNumber(DayNumber);

    /// <summary>A bucket holding one value.</summary>
    public static StoredBucket Single(int dayNumber, double value, int minute) => new(dayNumber, 1, value, value, value, value, minute);

    /// <summary>
    /// This bucket with one more value. At the largest count, count and sum stay as they are (so the mean remains the mean
    /// of the values counted) while min, max and the latest value still follow.
    /// </summary>
    public StoredBucket Add(double value, int minute) => new(
        DayNumber,
        Count == int.MaxValue ? Count : Count + 1,
        Count == int.MaxValue ? Sum : Sum + value,
        Math.Min(Min, value),
        Math.Max(Max, value),
        minute >= LastMinute ? value : Last,
        Math.Max(minute, LastMinute));

    /// <summary>This bucket and another of the same day as one (the later value is the last).</summary>
    public StoredBucket Merge(StoredBucket other) => new(
        DayNumber,
        Count + other.Count,
        Sum + other.Sum,
        Math.Min(Min, other.Min),
        Math.Max(Max, other.Max),
        other.LastMinute >= LastMinute ? other.Last : Last,
        Math.Max(other.LastMinute, LastMinute));
}
