using System.Globalization;

namespace HealthScoring;

/// <summary>
/// What a proposed model changes against the active one, metric by metric, in plain words: how much each metric now
/// counts (its share of the score, from the base weights of its component and its own), and whether a higher value now
/// raises or lowers the score. Pure: two models in, the changes out, the largest first; metrics that stay as they are
/// are left out.
/// </summary>
public static class ModelComparison
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyList<PlainChange> Compare(HealthModel before, HealthModel after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var was = Shares(before.Components);
        var now = Shares(after.Components);
        var changes = new List<(double Size, PlainChange Change)>();
        foreach (var name in now.Keys.Union(was.Keys).Order(StringComparer.Ordinal))
        {
            var (a, da) = was.GetValueOrDefault(name);
            var (b, db) = now.GetValueOrDefault(name);
            var label = after.Labels.Metrics.ContainsKey(name) ? after.Labels.Metric(name) : before.Labels.Metric(name);
            var parts = new List<string>(2);
            if (Weight(label, a, b) is { } weight)
            {
                parts.Add(weight);
            }

            var flipped = da is { } x && db is { } y && x != y;
            if (flipped)
            {
                parts.Add($"more {Lower(label)} now {(db == true ? "raises" : "lowers")} the score (before, it {(da == true ? "raised" : "lowered")} it)");
            }

            if (parts.Count == 0)
            {
                continue;
            }

            var text = Capitalized(string.Join("; ", parts));
            var size = Math.Abs(b - a) + (flipped ? 1 : 0);
            changes.Add((size, new PlainChange(name, label, Math.Round(a, 4), Math.Round(b, 4), da, db, text)));
        }

        return changes.OrderByDescending(c => c.Size).ThenBy(c => c.Change.Metric, StringComparer.Ordinal).Select(c => c.Change).ToList();
    }

    /// <summary>Every metric's share of the score (base weights) and whether a higher value is healthier, by metric name.</summary>
    public static IReadOnlyDictionary<string, (double Share, bool? HigherIsHealthier)> Shares(IReadOnlyList<ComponentDefinition> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var shares = new Dictionary<string, (double, bool?)>(StringComparer.Ordinal);
        Walk(components, 1.0, shares);
        return shares;
    }

    /// <summary>Whether a higher raw value gives a higher score (null when the normalizer has no order, or says nothing either way).</summary>
    public static bool? HigherIsHealthier(MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var (low, high) = metric.Normalizer switch
        {
            LinearNormalizer l => (Math.Min(l.From, l.To), Math.Max(l.From, l.To)),
            InvertedNormalizer i => (Math.Min(i.Best, i.Worst), Math.Max(i.Best, i.Worst)),
            BandsNormalizer b when b.Bands.Count > 1 => (b.Bands[0].UpTo ?? 0, (b.Bands.Where(x => x.UpTo is not null).Max(x => x.UpTo) ?? 0) + 1),
            BooleanNormalizer => (0.0, 1.0),
            PercentNormalizer p => (0.0, p.Fraction ? 1.0 : 100.0),
            ClampedNormalizer c => (c.Min, c.Max),
            _ => (double.NaN, double.NaN),
        };
        if (metric.Normalizer is PercentileNormalizer)
        {
            return metric.Direction == Direction.HigherIsBetter;
        }

        if (double.IsNaN(low) || metric.Normalizer.Normalize(low) is not { } sl || metric.Normalizer.Normalize(high) is not { } sh || sl == sh)
        {
            return null;
        }

        return (sh > sl) == (metric.Direction == Direction.HigherIsBetter);
    }

    private static void Walk(IReadOnlyList<ComponentDefinition> level, double share, Dictionary<string, (double, bool?)> shares)
    {
        var total = level.Sum(c => c.Weight);
        foreach (var c in level)
        {
            var own = total > 0 ? share * c.Weight / total : 0;
            var children = c.Metrics.Sum(m => m.Weight) + c.Components.Sum(x => x.Weight);
            foreach (var m in c.Metrics)
            {
                shares.TryAdd(m.Name, (children > 0 ? own * m.Weight / children : 0, HigherIsHealthier(m)));
            }

            if (c.Components.Count > 0)
            {
                Walk(c.Components, children > 0 ? own * c.Components.Sum(x => x.Weight) / children : 0, shares);
            }
        }
    }

    private static string? Weight(string label, double a, double b)
    {
        var counts = Plural(label) ? "count" : "counts";
        string Pct(double v) => (v * 100).ToString(v * 100 < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%";
        if (a <= 0.0005 && b <= 0.0005)
        {
            return null;
        }

        if (b <= 0.0005)
        {
            return $"{label} no longer {counts} (it was {Pct(a)} of the score)";
        }

        if (a <= 0.0005)
        {
            return $"{label} now {counts} ({Pct(b)} of the score)";
        }

        var ratio = b / a;
        var how = ratio switch
        {
            >= 2.5 => $"now {counts} about {Math.Round(ratio).ToString(CultureInfo.InvariantCulture)} times as much",
            >= 1.75 => $"now {counts} about twice as much",
            >= 1.15 => $"now {counts} more",
            <= 0.4 => $"now {counts} much less",
            <= 0.6 => $"now {counts} about half as much",
            <= 0.87 => $"now {counts} less",
            _ => null,
        };
        return how is null ? null : $"{label} {how} ({Pct(a)} → {Pct(b)} of the score)";
    }

    /// <summary>Whether a label reads as a plural ("Logins", "Active users", "Payment failures"): its last word ends in a lower-case s, not ss.</summary>
    private static bool Plural(string label)
    {
        var last = label.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal);
    }

    private static string Lower(string label) => label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
