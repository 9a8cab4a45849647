namespace HealthScoring.Calibration;

/// <summary>
/// The leakage guard: every value a backtest or a calibration uses for an outcome is taken as of the outcome date
/// less the lead time. History rows after the cut-off and signal buckets after it are never looked at.
/// </summary>
public static class AsOf
{
    /// <summary>The last day whose data an outcome may see.</summary>
    public static DateOnly Cutoff(DateOnly outcomeDate, int leadDays) => outcomeDate.AddDays(-leadDays);

    /// <summary>The latest history point on or before <paramref name="cutoff"/>, or null when there is none.</summary>
    public static HistoryPoint? LatestOnOrBefore(IEnumerable<HistoryPoint> history, DateOnly cutoff)
    {
        ArgumentNullException.ThrowIfNull(history);
        HistoryPoint? best = null;
        foreach (var p in history)
        {
            if (p.Day <= cutoff && (best is null || p.Day > best.Day))
            {
                best = p;
            }
        }

        return best;
    }

    /// <summary>The history with every bucket after <paramref name="cutoff"/> removed.</summary>
    public static SignalHistory Truncate(SignalHistory signals, DateOnly cutoff) => Truncate(signals, cutoff, keepDays: null);

    /// <summary>
    /// The history with every bucket after <paramref name="cutoff"/> removed and, with <paramref name="keepDays"/>,
    /// every bucket more than that many days before it too (what no window of the model reaches).
    /// </summary>
    public static SignalHistory Truncate(SignalHistory signals, DateOnly cutoff, int? keepDays)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var first = keepDays is { } days ? cutoff.AddDays(1 - days) : DateOnly.MinValue;
        var kept = new Dictionary<string, DailyBucket[]>(StringComparer.Ordinal);
        foreach (var name in signals.Signals)
        {
            signals.TryGet(name, out var buckets);
            int start = 0, end = 0;
            while (start < buckets.Length && buckets[start].Day < first)
            {
                start++;
            }

            end = start;
            while (end < buckets.Length && buckets[end].Day <= cutoff)
            {
                end++;
            }

            kept[name] = start == 0 && end == buckets.Length ? buckets : buckets[start..end];
        }

        return new SignalHistory(kept);
    }

    /// <summary>Days before and including a cut-off that any window of <paramref name="model"/> reads (a trend reads two windows).</summary>
    public static int Lookback(HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        static IEnumerable<MetricDefinition> All(IEnumerable<ComponentDefinition> components) =>
            components.SelectMany(c => c.Metrics.Concat(All(c.Components)));
        var metrics = All(model.Components).Concat(model.Segments.Values.SelectMany(s => All(s.Components ?? [])));
        return metrics.Select(m => m.WindowDays * (m.Aggregation == Aggregation.Trend ? 2 : 1)).DefaultIfEmpty(1).Max();
    }

    /// <summary>
    /// The case as of its cut-off: the recorded score, tier and components of the latest history day on or before
    /// it, and metric scores recomputed with <paramref name="model"/> from the buckets on or before it. Null (with
    /// the reason) when there is no recorded score on or before the cut-off.
    /// </summary>
    public static BacktestRow? Row(HealthModel model, BacktestCase c, int leadDays, out Exclusion exclusion)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(c);
        var cutoff = Cutoff(c.Outcome.Date, leadDays);
        var point = LatestOnOrBefore(c.History, cutoff);
        if (point is null)
        {
            exclusion = Exclusion.NoHistory;
            return null;
        }

        if (point.Score is not { } score)
        {
            exclusion = Exclusion.NoScore;
            return null;
        }

        exclusion = Exclusion.None;
        var signals = Truncate(c.Signals, cutoff);
        var result = ScoringEngine.Score(model, c.Profile, signals, cutoff);
        var metrics = result.Metrics.ToDictionary(m => m.Name, m => m.Normalized, StringComparer.Ordinal);
        return new BacktestRow(c.Outcome, cutoff, score, point.Tier, point.Components, metrics, c.Profile, signals);
    }

    /// <summary>
    /// The case as of its cut-off scored from its signal buckets alone with <paramref name="model"/> (the active
    /// model, a proposal or a draft): no recorded score history is needed, and buckets after the cut-off are removed
    /// first. Null (with the reason) when the model gives no score: no data before the cut-off, or too little.
    /// </summary>
    public static BacktestRow? Scored(HealthModel model, BacktestCase c, int leadDays, out Exclusion exclusion)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(c);
        var cutoff = Cutoff(c.Outcome.Date, leadDays);
        var row = Scored(model, c.Outcome, c.Profile, Truncate(c.Signals, cutoff), cutoff);
        exclusion = row is null ? Exclusion.NoScore : Exclusion.None;
        return row;
    }

    /// <summary>The outcome scored with <paramref name="model"/> on <paramref name="cutoff"/> from buckets already cut there; null without a score.</summary>
    internal static BacktestRow? Scored(HealthModel model, RenewalOutcome outcome, AccountProfile profile, SignalHistory cut, DateOnly cutoff)
    {
        var result = ScoringEngine.Score(model, profile, cut, cutoff);
        if (result.Score is not { } score)
        {
            return null;
        }

        return new BacktestRow(outcome, cutoff, score, result.Tier,
            result.Components.ToDictionary(x => x.Name, x => x.Score, StringComparer.Ordinal),
            result.Metrics.ToDictionary(m => m.Name, m => m.Normalized, StringComparer.Ordinal), profile, cut);
    }

    /// <summary>
    /// The row scored again with <paramref name="model"/> from its (already cut) buckets, so two models are
    /// compared on exactly the same inputs. Null when the model gives no score (coverage too low).
    /// </summary>
    public static BacktestRow? Rescored(HealthModel model, BacktestRow row)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(row);
        return Scored(model, row.Outcome, row.Profile, row.SignalsAsOf, row.Cutoff);
    }
}
