using System.Globalization;

namespace HealthScoring;

/// <summary>
/// Turns a <see cref="HealthResult"/> (and the previous one) into a <see cref="HealthExplanation"/>: why the tier, why
/// no score, which critical metric capped it, what moved and by how much, in plain words with sensibly rounded values.
/// Pure: the same inputs give the same words.
/// </summary>
public static class HealthExplainer
{
    /// <summary>
    /// Explains <paramref name="current"/> with <paramref name="model"/>, the model that computed it (its tiers and
    /// coverage minimum); <paramref name="drivers"/> are the transition's drivers (largest first). With
    /// <paramref name="attribution"/> (the weights changed: another model, segment or stage), the change and each driver
    /// are split into what the values did and what the weights did.
    /// </summary>
    public static HealthExplanation Explain(HealthModel model, HealthResult current, HealthResult? previous, IReadOnlyList<Driver> drivers,
        WeightAttribution? attribution = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(drivers);
        var tiers = model.Tiers;
        var labels = model.Labels;
        var missing = MissingMetrics(current);
        string? unscored = null;
        if (current.Score is null && current.Tier is null)
        {
            unscored = $"Not scored: only {Readable.Percent(current.Coverage)} of the model's weight has data, and it needs at least "
                + $"{Readable.Percent(model.MinimumCoverage)}."
                + (missing.Count > 0 ? $" No data for {string.Join(", ", missing.Select(labels.Metric))}." : "");
        }

        string? cap = null;
        if (current.CappedBy.Count > 0)
        {
            var parts = current.CappedBy.Select(name =>
            {
                var m = current.Metrics.FirstOrDefault(x => x.Name == name);
                return m?.Normalized is { } n
                    ? $"{labels.Metric(name)} ({Describe(labels, m)}) scored {Readable.Format(n)}, below {Readable.Format(tiers.YellowFrom)}"
                    : labels.Metric(name);
            });
            cap = $"Held at Red by critical metric{(current.CappedBy.Count > 1 ? "s" : "")}: {string.Join("; ", parts)}."
                + (current.ComputedScore is { } c && tiers.Classify(c) != HealthTier.Red ? $" Without the cap the score of {Readable.Format(c)} would be {tiers.Classify(c)}." : "");
        }

        var adjustment = Adjustment(labels, current);
        var summary = Summary(model, current, unscored, cap);
        var explained = Drivers(labels, current, previous, drivers, attribution?.Counterfactual);
        return new HealthExplanation(summary, unscored, missing, cap, adjustment, explained, Split(labels, current, previous, attribution));
    }

    /// <summary>Metrics that carry weight for the account (theirs and every enclosing component's) but had no data.</summary>
    public static IReadOnlyList<string> MissingMetrics(HealthResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        void Walk(IReadOnlyList<ComponentResult> components)
        {
            foreach (var c in components)
            {
                weights[c.Path] = c.Weight;
                Walk(c.Components);
            }
        }

        Walk(result.Components);
        return result.Metrics
            .Where(m => m.Source == MetricSource.Missing && m.Weight > 0 && Ancestors(m.Component).All(p => weights.GetValueOrDefault(p, 1) > 0))
            .Select(m => m.Name)
            .ToList();
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var i = path.IndexOf('.', StringComparison.Ordinal); i >= 0; i = path.IndexOf('.', i + 1))
        {
            yield return path[..i];
        }

        yield return path;
    }

    private static string Summary(HealthModel model, HealthResult r, string? unscored, string? cap)
    {
        var tiers = model.Tiers;
        if (r.OverrideApplied is { } o)
        {
            var what = o.Score is { } s ? $"score {Readable.Format(s)}" + (o.Tier is { } t ? $" and tier {t}" : "") : $"tier {o.Tier}";
            return $"{r.Tier}: {what} set by {o.Author}'s override until {Day(o.ExpiresOn)} ({o.Reason})."
                + (r.ComputedScore is { } c ? $" The computed score is {Readable.Format(c)}." : "");
        }

        if (unscored is not null || r.Score is not { } score || r.Tier is not { } tier)
        {
            return unscored ?? "Not scored.";
        }

        if (cap is not null)
        {
            return $"Red: score {Readable.Format(score)}, but a critical metric holds the tier at Red.";
        }

        var plain = tiers.Classify(score);
        var band = tier switch
        {
            HealthTier.Red => $"below {Readable.Format(tiers.YellowFrom)}",
            HealthTier.Yellow => $"from {Readable.Format(tiers.YellowFrom)} to below {Readable.Format(tiers.GreenFrom)}",
            _ => $"{Readable.Format(tiers.GreenFrom)} or more",
        };
        if (plain != tier)
        {
            var edge = plain > tier ? $"it must reach {Readable.Format((plain == HealthTier.Green ? tiers.GreenFrom : tiers.YellowFrom) + tiers.Hysteresis)} to rise"
                : $"it must fall below {Readable.Format((tier == HealthTier.Green ? tiers.GreenFrom : tiers.YellowFrom) - tiers.Hysteresis)} to drop";
            return $"{tier}: score {Readable.Format(score)} is in {plain}'s band, but the tier holds until the score clears the boundary by "
                + $"{Readable.Format(tiers.Hysteresis)} points ({edge}).";
        }

        return $"{tier}: score {Readable.Format(score)} is {band}.";
    }

    private static string? Adjustment(ModelLabels labels, HealthResult r)
    {
        var parts = new List<string>();
        if (r.OverrideApplied is { } o)
        {
            var what = o.Score is { } s ? $"score {Readable.Format(s)}" + (o.Tier is { } t ? $", tier {t}" : "") : $"tier {o.Tier}";
            parts.Add($"Manual override by {o.Author} until {Day(o.ExpiresOn)}: {what} ({o.Reason}).");
        }

        if (r.PulseApplied is { } p)
        {
            var metric = r.Metrics.FirstOrDefault(m => m.Source == MetricSource.Pulse);
            parts.Add($"CSM pulse {Readable.Format(p.Value)} by {p.Author} until {Day(p.ExpiresOn)}"
                + (p.Note is { Length: > 0 } note ? $" ({note})" : "")
                + (metric is { Normalized: { } n } ? $": {labels.Metric(metric.Name)} scores {Readable.Format(n)} and adds {Readable.Format(metric.Contribution)} points." : "."));
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static ScoreSplit? Split(ModelLabels labels, HealthResult current, HealthResult? previous, WeightAttribution? attribution)
    {
        if (attribution is null || previous is null || current.ComputedScore is not { } after || previous.ComputedScore is not { } before)
        {
            return null;
        }

        var weights = attribution.Weights.Select(w => $"{labels.Path(w.Path)} weighs {Readable.Format(w.After)} instead of {Readable.Format(w.Before)}").ToList();
        var why = string.Join(" and ", attribution.Changed)
            + (weights.Count > 0 ? $" ({string.Join(", ", weights)})" : "");
        var text = $"Of the {Readable.Points(after - before)} points since {Day(previous.AsOf)}, {Readable.Points(attribution.ValuesPoints)} came from the "
            + $"metric values and {Readable.Points(attribution.WeightsPoints)} from the weights: {why}.";
        return new ScoreSplit(attribution.ValuesPoints, attribution.WeightsPoints, text);
    }

    private static List<DriverExplanation> Drivers(ModelLabels labels, HealthResult current, HealthResult? previous, IReadOnlyList<Driver> drivers, HealthResult? counterfactual)
    {
        var list = new List<DriverExplanation>(drivers.Count);
        foreach (var d in drivers)
        {
            var now = current.Metrics.FirstOrDefault(m => m.Name == d.Metric);
            var before = previous?.Metrics.FirstOrDefault(m => m.Name == d.Metric);
            var label = now ?? before;
            var name = label is null ? labels.Metric(d.Metric) : $"{labels.Metric(d.Metric)} ({Describe(labels, label)})";
            string V(double v) => labels.Value(d.Metric, v);
            var a = Value(before);
            var b = Value(now);
            var points = Readable.Points(d.ContributionDelta);
            string text;
            if (a is null && b is not null)
            {
                text = $"{name} had no data before and is {V(b.Value)} now{PulseNote(now)}: {points} points";
            }
            else if (a is not null && b is null)
            {
                text = $"{name} has no data now (it was {V(a.Value)}); its weight went to the other metrics: {points} points";
            }
            else if (a is { } x && b is { } y && Readable.Round(x) != Readable.Round(y))
            {
                text = $"{name} {(y > x ? "rose" : "fell")} from {V(x)} to {V(y)}{PulseNote(now)}: {points} points";
            }
            else
            {
                text = $"{name} stayed at {(b is { } v ? V(v) : "no data")}, but its share of the score changed: {points} points";
            }

            double? valuePart = null, weightPart = null;
            if (counterfactual is not null)
            {
                // Today's value under the earlier weights: what the value did, and what the new weights did.
                var equalValues = counterfactual.Metrics.FirstOrDefault(m => m.Name == d.Metric)?.Contribution ?? 0;
                // Rounded so that the two parts add up to the move as shown.
                valuePart = Math.Round(equalValues - (before?.Contribution ?? 0), 1, MidpointRounding.AwayFromZero);
                weightPart = Math.Round(Math.Round(d.ContributionDelta, 1, MidpointRounding.AwayFromZero) - valuePart.Value, 1, MidpointRounding.AwayFromZero);
                text += $" ({Readable.Points(valuePart.Value)} from its value, {Readable.Points(weightPart.Value)} from the new weights)";
            }

            list.Add(new DriverExplanation(d.Metric, label?.Component ?? "", Readable.Round(a), Readable.Round(b), before?.Normalized, now?.Normalized,
                Math.Round(d.ContributionDelta, 1, MidpointRounding.AwayFromZero), text, valuePart, weightPart));
        }

        return list;
    }

    private static double? Value(MetricResult? m) => m is { Source: MetricSource.Signal or MetricSource.Pulse or MetricSource.SegmentMedian } ? m.Raw : null;

    private static string PulseNote(MetricResult? m) => m?.Source == MetricSource.Pulse ? " (CSM pulse)" : "";

    private static string Describe(ModelLabels labels, MetricResult m) => m.Component.Length == 0 ? m.Signal : labels.Component(m.Component);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
