using System.Globalization;

namespace HealthScoring.Calibration;

/// <summary>
/// Fits component and metric weights to churn on the earlier outcomes, maps them to the model's weight scale,
/// writes the proposed model, and backtests both models on the later outcomes. Pure; nothing is activated here.
/// </summary>
public static class Calibrator
{
    /// <summary>Calibrates <paramref name="current"/> (whose JSON is <paramref name="currentJson"/>) against <paramref name="cases"/>.</summary>
    /// <exception cref="CalibrationDataException">Too few outcomes of either class to fit.</exception>
    public static CalibrationResult Calibrate(HealthModel current, string currentJson, IReadOnlyList<BacktestCase> cases, int leadDays,
        DateOnly today, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        options ??= CalibrationOptions.Default;
        var (rows, _, _) = Backtester.Rows(current, cases, leadDays);
        var (train, test, firstTest) = TimeSplit.Split(rows, r => r.Outcome.Date, options.TrainFraction);
        var trainChurned = train.Count(r => r.Outcome.IsChurn);
        if (trainChurned < options.MinimumPerClass || train.Count - trainChurned < options.MinimumPerClass || test.Count == 0)
        {
            throw new CalibrationDataException(string.Create(CultureInfo.InvariantCulture,
                $"Calibration needs at least {options.MinimumPerClass} churned and {options.MinimumPerClass} retained outcomes among the earlier {options.TrainFraction:P0} with a score {leadDays} days before, and some later ones to test; found {trainChurned} churned and {train.Count - trainChurned} retained of {train.Count} earlier, {test.Count} later."));
        }

        var churn = train.Select(r => r.Outcome.IsChurn).ToArray();
        var componentNames = current.Components.Select(c => c.Name).ToArray();
        var componentProposals = FitGroup(
            componentNames, current.Components.Select(c => c.Weight).ToArray(),
            train.Select(r => (IReadOnlyList<double>)componentNames.Select(n => r.Components.GetValueOrDefault(n) ?? double.NaN).ToArray()).ToArray(),
            churn, options.Lambda);

        var metrics = MetricsWithGroup(current.Components, "").ToArray();
        var metricX = train.Select(r => (IReadOnlyList<double>)metrics.Select(m => r.Metrics.GetValueOrDefault(m.Metric.Name) ?? double.NaN).ToArray()).ToArray();
        var metricFit = FitObserved(metricX, churn, options.Lambda);
        var metricProposals = new List<WeightProposal>();
        foreach (var group in metrics.Select((m, i) => (m.Group, m.Metric, Index: i)).GroupBy(m => m.Group, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            metricProposals.AddRange(MapObserved(
                members.Select(m => $"{group.Key}.{m.Metric.Name}").ToArray(),
                members.Select(m => m.Metric.Weight).ToArray(),
                members.Select(m => metricFit[m.Index]).ToArray()));
        }

        var componentWeights = componentProposals.ToDictionary(p => p.Name, p => p.Proposed, StringComparer.Ordinal);
        var metricWeights = metricProposals.ToDictionary(p => p.Name[(p.Name.LastIndexOf('.') + 1)..], p => p.Proposed, StringComparer.Ordinal);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Calibrated from {current.Version} on {today:yyyy-MM-dd}: weights fitted to {train.Count} renewal outcomes before {firstTest:yyyy-MM-dd} with scores {leadDays} days ahead (L2 logistic regression, lambda {options.Lambda}).");
        var (version, json) = ProposedModel.Build(currentJson, componentWeights, metricWeights, today, description);
        var proposed = HealthModelLoader.Load(json);

        return new CalibrationResult(current.Version, version, leadDays, train.Count, test.Count, firstTest,
            rows.Count - train.Count - test.Count, componentProposals, metricProposals,
            Side(current, test, leadDays), Side(proposed, test, leadDays), json);
    }

    /// <summary>A model rescored on the test rows (same cut buckets for both sides).</summary>
    private static LeadTimeReport Side(HealthModel model, IReadOnlyList<BacktestRow> test, int leadDays)
    {
        var rescored = test.Select(r => AsOf.Rescored(model, r)).OfType<BacktestRow>().ToList();
        return Backtester.Evaluate(leadDays, rescored, test.Count, 0, test.Count - rescored.Count);
    }

    private static IReadOnlyList<WeightProposal> FitGroup(string[] names, double[] weights, IReadOnlyList<IReadOnlyList<double>> x, bool[] churn, double lambda)
    {
        var coefficients = FitObserved(x, churn, lambda);
        return MapObserved(names, weights, coefficients);
    }

    /// <summary>Coefficients per feature; NaN for features never observed (or constant) in training, which are not fitted.</summary>
    private static double?[] FitObserved(IReadOnlyList<IReadOnlyList<double>> x, bool[] churn, double lambda)
    {
        var p = x[0].Count;
        var observed = Enumerable.Range(0, p).Where(j =>
        {
            var values = x.Select(r => r[j]).Where(v => !double.IsNaN(v)).ToArray();
            return values.Length >= 2 && values.Max() - values.Min() > 1e-9;
        }).ToArray();
        var result = new double?[p];
        if (observed.Length == 0)
        {
            return result;
        }

        var fit = LogisticRegression.Fit(x.Select(r => (IReadOnlyList<double>)observed.Select(j => r[j]).ToArray()).ToArray(), churn, lambda);
        for (var k = 0; k < observed.Length; k++)
        {
            result[observed[k]] = fit.Coefficients[k];
        }

        return result;
    }

    /// <summary>Maps the observed siblings to weights on their current share of the scale; unobserved ones keep theirs.</summary>
    private static IReadOnlyList<WeightProposal> MapObserved(string[] names, double[] weights, double?[] coefficients)
    {
        var observed = Enumerable.Range(0, names.Length).Where(i => coefficients[i] is not null).ToArray();
        var mapped = WeightMapper.Map(observed.Select(i => names[i]).ToArray(), observed.Select(i => weights[i]).ToArray(),
            observed.Select(i => coefficients[i]!.Value).ToArray());
        if (observed.Length > 0 && observed.Sum(i => weights[i]) <= 0 && weights.Sum() > 0)
        {
            // The observed siblings all had weight 0; leave them so, rather than inventing a scale for them.
            mapped = observed.Select(i => new WeightProposal(names[i], 0, Math.Round(coefficients[i]!.Value, 6), 0, "kept: weight 0 in the current model")).ToList();
        }

        var byName = mapped.ToDictionary(m => m.Name, StringComparer.Ordinal);
        return names.Select((n, i) => byName.TryGetValue(n, out var m) ? m
            : new WeightProposal(n, weights[i], 0, weights[i], "kept: no varying data at the cut-offs")).ToList();
    }

    private static IEnumerable<(string Group, MetricDefinition Metric)> MetricsWithGroup(IReadOnlyList<ComponentDefinition> components, string parent)
    {
        foreach (var c in components)
        {
            var path = parent.Length == 0 ? c.Name : $"{parent}.{c.Name}";
            foreach (var m in c.Metrics)
            {
                yield return (path, m);
            }

            foreach (var inner in MetricsWithGroup(c.Components, path))
            {
                yield return inner;
            }
        }
    }
}
