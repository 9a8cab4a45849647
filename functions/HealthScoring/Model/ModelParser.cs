using System.Text.Json;

namespace HealthScoring;

/// <summary>Turns a model document into definitions, recording every shape problem (types, ranges, unknown names).</summary>
internal sealed class ModelParser(JsonModelReader r)
{
    private static readonly string[] NormalizerTypes = ["linear", "inverted", "bands", "boolean", "percent", "clamped", "percentile", "categorical"];

    public IReadOnlyList<ComponentDefinition> Components(JsonElement obj, string path)
    {
        var list = new List<ComponentDefinition>();
        var items = r.Items(obj, path, "components", required: false).ToList();
        foreach (var (item, itemPath) in items)
        {
            if (Component(item, itemPath) is { } component)
            {
                list.Add(component);
            }
        }

        return list;
    }

    public ComponentDefinition? Component(JsonElement obj, string path)
    {
        if (!r.IsObject(obj, path))
        {
            return null;
        }

        r.RejectUnknown(obj, path, "name", "weight", "aggregation", "components", "metrics", "label", "unit");
        var name = Name(obj, path);
        var (label, unit) = LabelAndUnit(obj, path);
        var weight = r.Number(obj, path, "weight", required: false, min: 0) ?? 1;
        var aggregation = r.Enum<GroupAggregation>(obj, path, "aggregation", required: false) ?? GroupAggregation.WeightedMean;
        var components = Components(obj, path);
        var metrics = new List<MetricDefinition>();
        foreach (var (item, itemPath) in r.Items(obj, path, "metrics", required: false))
        {
            if (Metric(item, itemPath) is { } metric)
            {
                metrics.Add(metric);
            }
        }

        var declared = CountArray(obj, "components") + CountArray(obj, "metrics");
        if (declared == 0)
        {
            r.Error(path, "a component needs at least one metric or nested component");
        }

        return name is null ? null : new ComponentDefinition(name, weight, aggregation, components, metrics, label, unit);
    }

    public MetricDefinition? Metric(JsonElement obj, string path)
    {
        if (!r.IsObject(obj, path))
        {
            return null;
        }

        r.RejectUnknown(obj, path, "name", "signal", "weight", "window", "aggregation", "normalizer", "direction", "critical", "pulse", "whenEmpty", "trendMode", "missingScore", "label", "unit");
        var name = Name(obj, path);
        var (label, unit) = LabelAndUnit(obj, path);
        var signal = r.String(obj, path, "signal", required: false) ?? name;
        var weight = r.Number(obj, path, "weight", required: false, min: 0) ?? 1;
        var window = r.Integer(obj, path, "window", required: false, min: 1, max: 366) ?? 30;
        var aggregation = r.Enum<Aggregation>(obj, path, "aggregation", required: true);
        var normalizer = r.TryGet(obj, path, "normalizer", required: true, out var n) ? Normalizer(n, JsonModelReader.Child(path, "normalizer")) : null;
        var direction = r.Enum<Direction>(obj, path, "direction", required: false) ?? Direction.HigherIsBetter;
        var critical = r.Bool(obj, path, "critical") ?? false;
        var pulse = r.Bool(obj, path, "pulse") ?? false;
        var whenEmpty = r.Enum<EmptyWindow>(obj, path, "whenEmpty", required: false) ?? EmptyWindow.Missing;
        var trendMode = r.Enum<TrendMode>(obj, path, "trendMode", required: false) ?? TrendMode.Relative;
        var missingScore = r.Number(obj, path, "missingScore", required: false, 0, 100);
        if (name is null || signal is null || aggregation is null || normalizer is null)
        {
            return null;
        }

        return new MetricDefinition(name, signal, weight, window, aggregation.Value, normalizer, direction, critical, pulse, whenEmpty, trendMode, missingScore, label, unit);
    }

    public Normalizer? Normalizer(JsonElement obj, string path)
    {
        if (!r.IsObject(obj, path))
        {
            return null;
        }

        var type = r.String(obj, path, "type", required: true);
        switch (type)
        {
            case null:
                return null;
            case "linear":
                {
                    r.RejectUnknown(obj, path, "type", "from", "to");
                    var from = r.Number(obj, path, "from", required: true);
                    var to = r.Number(obj, path, "to", required: true);
                    if (from is null || to is null)
                    {
                        return null;
                    }

                    if (from == to)
                    {
                        r.Error(JsonModelReader.Child(path, "to"), "must differ from 'from'");
                        return null;
                    }

                    return new LinearNormalizer(from.Value, to.Value);
                }

            case "inverted":
                {
                    r.RejectUnknown(obj, path, "type", "best", "worst");
                    var best = r.Number(obj, path, "best", required: true);
                    var worst = r.Number(obj, path, "worst", required: true);
                    if (best is null || worst is null)
                    {
                        return null;
                    }

                    if (best == worst)
                    {
                        r.Error(JsonModelReader.Child(path, "worst"), "must differ from 'best'");
                        return null;
                    }

                    return new InvertedNormalizer(best.Value, worst.Value);
                }

            case "bands":
                r.RejectUnknown(obj, path, "type", "bands");
                return Bands(obj, path);
            case "boolean":
                r.RejectUnknown(obj, path, "type", "trueScore", "falseScore");
                return new BooleanNormalizer(
                    r.Number(obj, path, "trueScore", required: false, 0, 100) ?? 100,
                    r.Number(obj, path, "falseScore", required: false, 0, 100) ?? 0);
            case "percent":
                r.RejectUnknown(obj, path, "type", "fraction");
                return new PercentNormalizer(r.Bool(obj, path, "fraction") ?? false);
            case "clamped":
                {
                    r.RejectUnknown(obj, path, "type", "min", "max");
                    var min = r.Number(obj, path, "min", required: false, 0, 100) ?? 0;
                    var max = r.Number(obj, path, "max", required: false, 0, 100) ?? 100;
                    if (min >= max)
                    {
                        r.Error(JsonModelReader.Child(path, "max"), $"must be greater than min ({min})");
                        return null;
                    }

                    return new ClampedNormalizer(min, max);
                }

            case "percentile":
                r.RejectUnknown(obj, path, "type");
                return new PercentileNormalizer();
            case "categorical":
                r.RejectUnknown(obj, path, "type", "levels", "otherwise");
                return Categorical(obj, path);
            default:
                r.Error(JsonModelReader.Child(path, "type"), $"'{type}' is not one of: {string.Join(", ", NormalizerTypes)}");
                return null;
        }
    }

    private BandsNormalizer? Bands(JsonElement obj, string path)
    {
        var items = r.Items(obj, path, "bands", required: true).ToList();
        if (items.Count == 0)
        {
            if (obj.TryGetProperty("bands", out var b) && b.ValueKind == JsonValueKind.Array)
            {
                r.Error(JsonModelReader.Child(path, "bands"), "needs at least one band");
            }

            return null;
        }

        var bands = new List<Band>();
        var ok = true;
        double? previous = null;
        for (var i = 0; i < items.Count; i++)
        {
            var (item, itemPath) = items[i];
            if (!r.IsObject(item, itemPath))
            {
                ok = false;
                continue;
            }

            r.RejectUnknown(item, itemPath, "upTo", "score");
            var last = i == items.Count - 1;
            var upTo = r.Number(item, itemPath, "upTo", required: !last);
            var score = r.Number(item, itemPath, "score", required: true, 0, 100);
            if (last && upTo is not null)
            {
                r.Error(JsonModelReader.Child(itemPath, "upTo"), "the last band is open-ended and takes no upTo");
                ok = false;
            }

            if (upTo is not null && previous is not null && upTo <= previous)
            {
                r.Error(JsonModelReader.Child(itemPath, "upTo"), $"must be greater than the previous band's upTo ({previous})");
                ok = false;
            }

            previous = upTo ?? previous;
            if ((!last && upTo is null) || score is null)
            {
                ok = false;
                continue;
            }

            bands.Add(new Band(last ? null : upTo, score.Value));
        }

        return ok ? new BandsNormalizer(bands) : null;
    }

    private CategoricalNormalizer? Categorical(JsonElement obj, string path)
    {
        var items = r.Items(obj, path, "levels", required: true).ToList();
        var otherwise = r.Number(obj, path, "otherwise", required: false, 0, 100);
        if (items.Count == 0)
        {
            if (obj.TryGetProperty("levels", out var l) && l.ValueKind == JsonValueKind.Array)
            {
                r.Error(JsonModelReader.Child(path, "levels"), "needs at least one level");
            }

            return null;
        }

        var levels = new List<Level>();
        var seen = new Dictionary<double, int>();
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            var (item, itemPath) = items[i];
            if (!r.IsObject(item, itemPath))
            {
                ok = false;
                continue;
            }

            r.RejectUnknown(item, itemPath, "value", "score", "label");
            var value = r.Number(item, itemPath, "value", required: true);
            var score = r.Number(item, itemPath, "score", required: true, 0, 100);
            var label = r.String(item, itemPath, "label", required: false);
            if (value is { } v && !seen.TryAdd(v, i))
            {
                r.Error(JsonModelReader.Child(itemPath, "value"), $"duplicate level value {v} (first at levels[{seen[v]}])");
                ok = false;
            }

            if (value is null || score is null)
            {
                ok = false;
                continue;
            }

            levels.Add(new Level(value.Value, score.Value, label));
        }

        return ok ? new CategoricalNormalizer(levels, otherwise) : null;
    }

    /// <summary>The optional display label (1-60 characters) and unit (1-20), printable text without markup characters.</summary>
    private (string? Label, string? Unit) LabelAndUnit(JsonElement obj, string path) =>
        (Display(obj, path, "label", ModelLabels.MaxLabelLength), Display(obj, path, "unit", ModelLabels.MaxUnitLength));

    private string? Display(JsonElement obj, string path, string property, int maxLength)
    {
        var text = r.String(obj, path, property, required: false);
        if (text is null)
        {
            return null;
        }

        if (ModelLabels.Problem(text, maxLength) is { } problem)
        {
            r.Error(JsonModelReader.Child(path, property), problem);
            return null;
        }

        return text.Trim();
    }

    private string? Name(JsonElement obj, string path)
    {
        var name = r.String(obj, path, "name", required: true);
        if (name is not null && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            r.Error(JsonModelReader.Child(path, "name"), $"'{name}' may only hold letters, digits, '_' and '-'");
            return null;
        }

        return name;
    }

    private static int CountArray(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;
}
