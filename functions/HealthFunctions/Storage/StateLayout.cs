namespace HealthFunctions.Storage;

/// <summary>
/// Where an account's signal months are stored. The account row holds the newest months that scoring reads (the live
/// window) as long as they fit in <see cref="InlineBytes"/>; every other month has a month row of its own. One month of
/// one account holds at most <see cref="SignalState.MaxMetrics"/> metrics × 31 days, which encodes in at most
/// <see cref="MaxMonthBytes"/>: so no row can outgrow what a table entity holds, whatever the retention.
/// </summary>
public static class StateLayout
{
    /// <summary>Encoded state bytes the account row may hold (10 properties of 60,000 bytes; the row stays under 1 MiB with its score).</summary>
    public const int InlineBytes = 600_000;

    /// <summary>
    /// The most bytes one month of one account can encode to: per metric its name (100 bytes) with a length, a count and a
    /// first day (6), and per day a flag, a day step, the last minute, a count and four 8-byte numbers (41).
    /// </summary>
    public const int MaxMonthBytes = 1 + 2 + (SignalState.MaxMetrics * (106 + (31 * 41)));

    /// <summary>Distinct months one write may touch (one transaction carries the account row and every month row it changes).</summary>
    public const int MonthsPerWrite = 4;

    /// <summary>Month rows one write may delete once retention has passed them (the rest go with later writes).</summary>
    public const int DeletesPerWrite = 8;

    /// <summary>
    /// <see cref="Place(SortedDictionary{StateMonth, SignalState}, StateMonth, int)"/> for a whole state, with the kept
    /// part's encoding: when every month is live and the state fits (the usual write), it is encoded once and nothing is split.
    /// </summary>
    public static (SignalState Kept, byte[] KeptBytes, SortedDictionary<StateMonth, SignalState> Moved) Place(SignalState state, StateMonth liveFrom, int budget = InlineBytes)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.FirstDay is not { } first || StateMonth.Of(first) >= liveFrom)
        {
            var bytes = SignalStateCodec.Encode(state);
            if (bytes.Length <= budget)
            {
                return (state, bytes, []);
            }
        }

        var (kept, moved) = Place(state.SplitByMonth(), liveFrom, budget);
        return (kept, SignalStateCodec.Encode(kept), moved);
    }

    /// <summary>
    /// Splits the months an account row would hold into those it keeps and those that move to month rows: newest first, a
    /// month stays while it overlaps the live window (from <paramref name="liveFrom"/>) and the kept months encode within
    /// <paramref name="budget"/> bytes; the first that does not, and every older one, moves out.
    /// </summary>
    public static (SignalState Kept, SortedDictionary<StateMonth, SignalState> Moved) Place(
        SortedDictionary<StateMonth, SignalState> months, StateMonth liveFrom, int budget = InlineBytes)
    {
        ArgumentNullException.ThrowIfNull(months);
        if (months.Keys.All(m => m >= liveFrom))
        {
            var all = SignalState.Merge(months.Values);
            if (SignalStateCodec.Encode(all).Length <= budget)
            {
                return (all, []); // the usual case: one encoding
            }
        }

        var kept = new List<SignalState>();
        var moved = new SortedDictionary<StateMonth, SignalState>();
        var full = false;
        foreach (var (month, state) in months.Reverse())
        {
            if (!full && month >= liveFrom && SignalStateCodec.Encode(SignalState.Merge(kept.Append(state))).Length <= budget)
            {
                kept.Add(state);
                continue;
            }

            full = true;
            moved.Add(month, state);
        }

        return (SignalState.Merge(kept), moved);
    }
}
