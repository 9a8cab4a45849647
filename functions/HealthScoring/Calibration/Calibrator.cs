using System.Globalization;

namespace HealthScoring.Calibration;

/// <summary>
/// Fits one regression of churn on every metric's value as of each outcome's cut-off (and on the account's segment
/// and lifecycle stage), on the earlier outcomes; maps it exactly onto the model format (directions, normalizer
/// ranges or level scores, missing scores, metric and component weights, shifts) so the engine scores accounts as the
/// regression ranks them; proposes tiers from the training outcomes; and backtests both models on the later
/// outcomes. Pure: nothing is stored or activated here. See docs/calibration.md.
/// </summary>
public static class Calibrator
{
    /// <summary>Calibrates <paramref name="current"/> (whose JSON is <paramref name="currentJson"/>) against <paramref name="cases"/>.</summary>
    /// <param name="current">The model to calibrate; its metrics' signals, windows and aggregations are kept.</param>
    /// <param name="currentJson">Its document, which the proposal is an edit of.</param>
    /// <param name="cases">Outcomes with their account's profile and signal buckets (recorded history is not needed).</param>
    /// <param name="leadDays">Days between each cut-off and its outcome.</param>
    /// <param name="today">The calibration day (part of the proposed version).</param>
    /// <param name="options">Split, penalty and minimum counts.</param>
    /// <param name="progress">Receives the stage and count as the calibration goes.</param>
    /// <param name="cancellationToken">Stops the work between accounts.</param>
    /// <exception cref="CalibrationDataException">Too few outcomes of either class to fit, or nothing that varies.</exception>
    public static CalibrationResult Calibrate(HealthModel current, string currentJson, IReadOnlyList<BacktestCase> cases, int leadDays,
        DateOnly today, CalibrationOptions? options = null, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(cases);
        options ??= CalibrationOptions.Default;
        var metrics = Design.Encode(current.Components);
        var (samples, noData) = Samples(metrics, cases, leadDays, AsOf.Lookback(current), progress, cancellationToken);
        var (train, test, firstTest) = TimeSplit.Split(samples, s => s.Outcome.Date, options.TrainFraction);
        var trainChurned = train.Count(s => s.Outcome.IsChurn);
        if (trainChurned < options.MinimumPerClass || train.Count - trainChurned < options.MinimumPerClass || test.Count == 0)
        {
            throw new CalibrationDataException(string.Create(CultureInfo.InvariantCulture,
                $"Calibration needs at least {options.MinimumPerClass} churned and {options.MinimumPerClass} retained outcomes among the earlier {options.TrainFraction:P0} with signals {leadDays} days before, and some later ones to test; found {trainChurned} churned and {train.Count - trainChurned} retained of {train.Count} earlier, {test.Count} later."));
        }

        progress?.Report(new CalibrationProgress("fit", 0, 1));
        var design = Design.Build(current, metrics, train);
        var churn = train.Select(s => s.Outcome.IsChurn).ToArray();
        var x = train.Select(s => (IReadOnlyList<double>)design.Row(s)).ToArray();
        var fit = design.Count == 0
            ? throw new CalibrationDataException("No metric, segment or stage varied in the training outcomes: there is nothing to fit.")
            : LogisticRegression.Fit(x, churn, options.Lambda, design.Indicators);
        progress?.Report(new CalibrationProgress("fit", 1, 1));

        var mapped = ModelMapper.Map(current, design, fit);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Calibrated from {current.Version} on {today:yyyy-MM-dd}: one L2 logistic regression (lambda {options.Lambda}) of churn on every metric's value {leadDays} days ahead, fitted to the {train.Count} outcomes before {firstTest:yyyy-MM-dd} and mapped so the score ranks accounts as the regression does.");
        var (_, draftJson) = ProposedModel.Build(currentJson, mapped.Edits, today, description);
        var draft = HealthModelLoader.Load(draftJson);

        // Score the training outcomes with the proposal: the tiers come from these scores, and they check the mapping.
        var eta = x.Select(fit.LogOdds).ToArray();
        var scores = new double?[train.Count];
        var clamped = 0;
        for (var i = 0; i < train.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var s = train[i];
            var result = ScoringEngine.Score(draft, s.Profile, s.Signals, s.Cutoff);
            scores[i] = result.Score;
            clamped += result.Shift != 0 && result.ComputedScore is 0 or 100 ? 1 : 0;
            Report(progress, "proposal", i + 1, train.Count);
        }

        var scored = Enumerable.Range(0, train.Count).Where(i => scores[i] is not null).ToArray();

        // The display scale spreads the weighted scores over 0-100; tiers are placed on the scores as shown.
        var display = DisplayFit.From(scored.Select(i => scores[i]!.Value).ToArray());
        var shown = scores;
        if (display is not null)
        {
            var (_, displayedJson) = ProposedModel.Build(currentJson, mapped.Edits with { Display = display }, today, description);
            var displayed = HealthModelLoader.Load(displayedJson);
            shown = new double?[train.Count];
            for (var i = 0; i < train.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                shown[i] = ScoringEngine.Score(displayed, train[i].Profile, train[i].Signals, train[i].Cutoff).Score;
                Report(progress, "display", i + 1, train.Count);
            }
        }

        var tiers = TierProposer.Propose(scored.Select(i => shown[i]!.Value).ToArray(), scored.Select(i => Sigmoid(eta[i])).ToArray(),
            scored.Select(i => churn[i]).ToArray(), current.Tiers.Hysteresis);
        var (version, json) = ProposedModel.Build(currentJson, mapped.Edits with { Tiers = tiers.Policy, Display = display }, today, description);
        var proposed = HealthModelLoader.Load(json);

        var testX = test.Select(design.Row).ToArray();
        var (low, high) = display is null ? (0.0, 100.0) : DisplayFit.Range(display);
        var shownPerLogOdds = mapped.PointsPerLogOdds * (display is null ? 1 : (DisplayFit.ShownHigh - DisplayFit.ShownLow) / (high - low));
        var summary = new FitSummary(train.Count, design.Count, options.Lambda, fit.Iterations, fit.Converged,
            Round(RocAuc.Compute(eta, churn)), Round(RocAuc.Compute(testX.Select(fit.LogOdds).ToArray(), test.Select(s => s.Outcome.IsChurn).ToArray())),
            Math.Round(mapped.PointsPerLogOdds, 4), scored.Length, Math.Round(Deviation(scored.Select(i => (eta[i], scores[i]!.Value)).ToArray()), 4), clamped,
            display is null ? null : low, display is null ? null : high, Math.Round(shownPerLogOdds, 4), Discordant(scored.Select(i => (scores[i]!.Value, shown[i]!.Value)).ToArray()));

        progress?.Report(new CalibrationProgress("side-by-side", 0, 2));
        var currentSide = Side(current, test, leadDays);
        progress?.Report(new CalibrationProgress("side-by-side", 1, 2));
        var proposedSide = Side(proposed, test, leadDays);
        progress?.Report(new CalibrationProgress("side-by-side", 2, 2));

        var changes = mapped.Changes.Append(new ModelChange("tiers", ChangeKind.Tiers, tiers.Explanation)).ToList();
        if (display is not null)
        {
            changes.Insert(changes.Count - 1, new ModelChange("displayScale", ChangeKind.Display, string.Create(CultureInfo.InvariantCulture,
                $"display scale: weighted scores from {Format.Number(low)} to {Format.Number(high)} (the middle {1 - (2 * DisplayFit.TailShare):P0} of the {scored.Length} training accounts) are shown as {DisplayFit.ShownLow:0} to {DisplayFit.ShownHigh:0}, on a straight line, and the rest of 0-100 on either side; a unit of churn log-odds now moves the shown score {Format.Number(shownPerLogOdds)} points instead of {Format.Number(mapped.PointsPerLogOdds)}, and no account changes place")));
        }

        return new CalibrationResult(current.Version, version, leadDays, train.Count, test.Count, firstTest, noData,
            changes, mapped.Components, mapped.Metrics, tiers, summary,
            new CalibrationDiagnostics(Diagnose(metrics, train), Diagnose(metrics, test)), currentSide, proposedSide, json);
    }

    /// <summary>Each outcome as of its cut-off: the buckets on or before it and every base metric's raw value there.</summary>
    private static (List<CalibrationSample> Samples, int NoData) Samples(
        IReadOnlyList<MetricEncoding> metrics, IReadOnlyList<BacktestCase> cases, int leadDays, int lookback, IProgress<CalibrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var samples = new List<CalibrationSample>(cases.Count);
        var noData = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var c = cases[i];
            var cutoff = AsOf.Cutoff(c.Outcome.Date, leadDays);
            var signals = AsOf.Truncate(c.Signals, cutoff, lookback); // the proposal keeps the windows, so this is all either model reads
            var raw = new double[metrics.Count];
            var any = false;
            for (var m = 0; m < metrics.Count; m++)
            {
                raw[m] = ScoringEngine.RawValue(metrics[m].Metric, signals, cutoff);
                any |= !double.IsNaN(raw[m]) && (metrics[m].Metric.WhenEmpty != EmptyWindow.Zero || HasSignal(signals, metrics[m].Metric.Signal));
            }

            if (any)
            {
                samples.Add(new CalibrationSample(c.Outcome, cutoff, c.Profile, signals, raw));
            }
            else
            {
                noData++;
            }

            Report(progress, "as-of", i + 1, cases.Count);
        }

        return (samples, noData);
    }

    private static bool HasSignal(SignalHistory signals, string signal) => signals.TryGet(signal, out var buckets) && buckets.Length > 0;

    /// <summary>A model scored as of each test outcome's cut-off (same buckets for both sides) and backtested.</summary>
    private static LeadTimeReport Side(HealthModel model, IReadOnlyList<CalibrationSample> test, int leadDays)
    {
        var rows = test.Select(s => AsOf.Scored(model, s.Outcome, s.Profile, s.Signals, s.Cutoff)).OfType<BacktestRow>().ToList();
        return Backtester.Evaluate(leadDays, rows, test.Count, 0, test.Count - rows.Count);
    }

    private static List<FeatureAuc> Diagnose(IReadOnlyList<MetricEncoding> metrics, IReadOnlyList<CalibrationSample> samples) =>
        metrics.Select((e, m) => Backtester.Feature(e.Metric.Name, "metric",
            samples.Select(s => (double.IsNaN(s.Raw[m]) ? null : e.CurrentScore(s.Raw[m]), s.Outcome.IsChurn)))).ToList();

    /// <summary>Pairs of training accounts that the shown scores order the other way from the weighted ones (0: the scale keeps every order).</summary>
    private static long Discordant(IReadOnlyList<(double Weighted, double Shown)> points)
    {
        var byWeighted = points.OrderBy(p => p.Weighted).ThenBy(p => p.Shown).ToArray();
        long discordant = 0;
        var maxShown = double.NegativeInfinity;
        var previousWeighted = double.NaN;
        var groupMax = double.NegativeInfinity;
        foreach (var (w, s) in byWeighted)
        {
            if (w != previousWeighted)
            {
                maxShown = Math.Max(maxShown, groupMax);
                previousWeighted = w;
            }

            // A lower weighted score shown above this one is a pair in the wrong order (a full count is not needed: any is a fault).
            discordant += s < maxShown ? 1 : 0;
            groupMax = Math.Max(groupMax, s);
        }

        return discordant;
    }

    /// <summary>The largest residual of the scores around their least-squares line in the log-odds.</summary>
    private static double Deviation(IReadOnlyList<(double Eta, double Score)> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        double mx = points.Average(p => p.Eta), my = points.Average(p => p.Score), sxy = 0, sxx = 0;
        foreach (var (e, s) in points)
        {
            sxy += (e - mx) * (s - my);
            sxx += (e - mx) * (e - mx);
        }

        var slope = sxx < 1e-12 ? 0 : sxy / sxx;
        return points.Max(p => Math.Abs(p.Score - (my + (slope * (p.Eta - mx)))));
    }

    private static void Report(IProgress<CalibrationProgress>? progress, string stage, int done, int total)
    {
        if (progress is not null && (done == total || done % Math.Max(1, total / 100) == 0))
        {
            progress.Report(new CalibrationProgress(stage, done, total));
        }
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
