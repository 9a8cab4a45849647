namespace HealthScoring.Calibration;

/// <summary>Measures how well scores taken a lead time before renewal outcomes predicted churn. Pure.</summary>
public static class Backtester
{
    /// <summary>The lead times reported when none are asked for.</summary>
    public static IReadOnlyList<int> DefaultLeadDays { get; } = [60, 90];

    private const double AgreeFrom = 0.55;
    private const double InvertedUpTo = 0.45;

    /// <summary>Backtests the recorded scores of <paramref name="cases"/> at each lead time.</summary>
    /// <param name="model">The model used to recompute metric values from the cut signal buckets.</param>
    /// <param name="cases">Outcomes with their account's history and signals.</param>
    /// <param name="leadDays">Lead times in days.</param>
    public static BacktestReport Run(HealthModel model, IReadOnlyList<BacktestCase> cases, IReadOnlyList<int> leadDays) =>
        Run(model, cases, leadDays, ScoreSource.Recorded);

    /// <summary>Backtests <paramref name="model"/> at each lead time, taking scores from <paramref name="source"/>.</summary>
    /// <param name="model">With <see cref="ScoreSource.AsOf"/> the model scored; with <see cref="ScoreSource.Recorded"/> the one that recomputes metric values.</param>
    /// <param name="cases">Outcomes with their account's history and signals.</param>
    /// <param name="leadDays">Lead times in days.</param>
    /// <param name="source">Recorded daily scores, or scores computed as of each cut-off from the signal buckets.</param>
    public static BacktestReport Run(HealthModel model, IReadOnlyList<BacktestCase> cases, IReadOnlyList<int> leadDays, ScoreSource source) =>
        Run(model, cases, leadDays, source, null, CancellationToken.None);

    /// <summary>
    /// Backtests <paramref name="model"/> at each lead time, taking scores from <paramref name="source"/>, reporting
    /// progress (stage "scoring", outcomes done over outcomes × lead times) and stopping between outcomes when cancelled.
    /// </summary>
    public static BacktestReport Run(HealthModel model, IReadOnlyList<BacktestCase> cases, IReadOnlyList<int> leadDays, ScoreSource source,
        IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(leadDays);
        var reports = new List<LeadTimeReport>(leadDays.Count);
        for (var l = 0; l < leadDays.Count; l++)
        {
            var offset = l * cases.Count;
            var (rows, noHistory, noScore) = Rows(model, cases, leadDays[l], source, progress is null ? null
                : new Progress(p => progress.Report(new CalibrationProgress("scoring", offset + p.Done, cases.Count * leadDays.Count))), cancellationToken);
            reports.Add(Evaluate(leadDays[l], rows, cases.Count, noHistory, noScore));
        }

        return new BacktestReport(model.Version, reports);
    }

    /// <summary>The cases as of their cut-off at one lead time, with the exclusions counted.</summary>
    public static (IReadOnlyList<BacktestRow> Rows, int NoHistory, int NoScore) Rows(
        HealthModel model, IReadOnlyList<BacktestCase> cases, int leadDays, ScoreSource source = ScoreSource.Recorded) =>
        Rows(model, cases, leadDays, source, null, CancellationToken.None);

    private static (IReadOnlyList<BacktestRow> Rows, int NoHistory, int NoScore) Rows(
        HealthModel model, IReadOnlyList<BacktestCase> cases, int leadDays, ScoreSource source, IProgress<CalibrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var rows = new List<BacktestRow>(cases.Count);
        int noHistory = 0, noScore = 0, done = 0;
        var every = Math.Max(1, cases.Count / 100);
        foreach (var c in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (progress is not null && ++done % every == 0)
            {
                progress.Report(new CalibrationProgress("scoring", done, cases.Count));
            }

            var row = source == ScoreSource.AsOf ? AsOf.Scored(model, c, leadDays, out var why) : AsOf.Row(model, c, leadDays, out why);
            if (row is not null)
            {
                rows.Add(row);
            }
            else if (why == Exclusion.NoHistory)
            {
                noHistory++;
            }
            else
            {
                noScore++;
            }
        }

        return (rows, noHistory, noScore);
    }

    /// <summary>The metrics of one lead time over rows already cut at it.</summary>
    public static LeadTimeReport Evaluate(int leadDays, IReadOnlyList<BacktestRow> rows, int outcomes, int excludedNoHistory, int excludedNoScore)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var n = rows.Count;
        var churn = rows.Select(r => r.Outcome.IsChurn).ToArray();
        var churned = churn.Count(c => c);
        double? baseRate = n == 0 ? null : churned / (double)n;
        var risk = rows.Select(r => -r.Score).ToArray();
        var auc = RocAuc.Compute(risk, churn);
        double? low = null, high = null;
        if (auc is { } a)
        {
            (low, high) = RocAuc.HanleyMcNeil(a, churned, n - churned);
        }

        var red = rows.Where(r => r.Tier == HealthTier.Red).ToList();
        var redChurned = red.Count(r => r.Outcome.IsChurn);
        double? precision = red.Count == 0 ? null : redChurned / (double)red.Count;
        double? recall = churned == 0 ? null : redChurned / (double)churned;

        var decile = (int)Math.Ceiling(n * 0.1);
        var riskiest = rows.OrderBy(r => r.Score).ThenBy(r => r.Outcome.AccountId, StringComparer.Ordinal).Take(decile).ToList();
        double? lift = decile == 0 || baseRate is not > 0 ? null : riskiest.Count(r => r.Outcome.IsChurn) / (double)decile / baseRate.Value;

        return new LeadTimeReport(
            leadDays, outcomes, n, excludedNoHistory, excludedNoScore, churned, Round(baseRate),
            Round(auc), Round(low), Round(high), red.Count, Round(precision), Round(recall), decile, Round(lift),
            Tiers(rows), Features(rows), Distribution(rows), RocAuc.Curve(risk, churn));
    }

    /// <summary>Univariate AUC and direction of every component and metric over <paramref name="rows"/>.</summary>
    public static IReadOnlyList<FeatureAuc> Diagnose(IReadOnlyList<BacktestRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Features(rows);
    }

    /// <summary>Univariate AUC and direction of one feature (higher values meant to be healthier).</summary>
    public static FeatureAuc Feature(string name, string kind, IEnumerable<(double? Value, bool Churned)> values)
    {
        var present = values.Where(v => v.Value is not null).ToList();
        var auc = RocAuc.Compute(present.Select(v => -v.Value!.Value).ToArray(), present.Select(v => v.Churned).ToArray());
        var direction = auc switch
        {
            null => "no data",
            >= AgreeFrom => "agrees",
            <= InvertedUpTo => "inverted",
            _ => "weak",
        };
        return new FeatureAuc(name, kind, present.Count, present.Count(v => v.Churned), Round(auc), direction);
    }

    private static List<TierChurn> Tiers(IReadOnlyList<BacktestRow> rows)
    {
        string[] names = ["Red", "Yellow", "Green", "None"];
        return names.Select(name =>
        {
            var inTier = rows.Where(r => (r.Tier?.ToString() ?? "None") == name).ToList();
            var c = inTier.Count(r => r.Outcome.IsChurn);
            return new TierChurn(name, inTier.Count, c, inTier.Count == 0 ? null : Round(c / (double)inTier.Count));
        }).Where(t => t.Tier != "None" || t.Accounts > 0).ToList();
    }

    private static List<FeatureAuc> Features(IReadOnlyList<BacktestRow> rows)
    {
        var list = new List<FeatureAuc>();
        foreach (var name in rows.SelectMany(r => r.Components.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            list.Add(Feature(name, "component", rows.Select(r => (r.Components.GetValueOrDefault(name), r.Outcome.IsChurn))));
        }

        foreach (var name in rows.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            list.Add(Feature(name, "metric", rows.Select(r => (r.Metrics.GetValueOrDefault(name), r.Outcome.IsChurn))));
        }

        return list;
    }

    private static List<ScoreBin> Distribution(IReadOnlyList<BacktestRow> rows)
    {
        var bins = new List<ScoreBin>(10);
        for (var i = 0; i < 10; i++)
        {
            var from = i * 10.0;
            var inBin = rows.Where(r => Math.Min((int)(r.Score / 10), 9) == i).ToList();
            bins.Add(new ScoreBin(from, from + 10, inBin.Count(r => r.Outcome.IsChurn), inBin.Count(r => !r.Outcome.IsChurn)));
        }

        return bins;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    /// <summary>Passes progress on synchronously (System.Progress would post it to another thread, out of order).</summary>
    private sealed class Progress(Action<CalibrationProgress> report) : IProgress<CalibrationProgress>
    {
        public void Report(CalibrationProgress value) => report(value);
    }
}
