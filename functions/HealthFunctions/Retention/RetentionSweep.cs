namespace HealthFunctions.Retention;

/// <summary>
/// One kind of row the cleanup removes: its table, the query filters that find the rows older than a cutoff (one filter
/// per segment, e.g. one per shard, each read in pages), and today's cutoff.
/// </summary>
public sealed record RetentionSweep(string Name, string Table, Func<DateTimeOffset, IReadOnlyList<string>> SegmentsBefore, DateTimeOffset Cutoff);
