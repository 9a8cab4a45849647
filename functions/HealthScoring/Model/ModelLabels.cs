using System.Globalization;

namespace HealthScoring;

/// <summary>
/// What people call a model's metrics and components, in one place: the optional <c>label</c> and <c>unit</c> of each
/// (<see cref="MetricDefinition.Label"/>, <see cref="ComponentDefinition.Label"/>), with the id itself where a model gives
/// none. Ids stay the keys everywhere (results, APIs, stored data); this is only what is shown. A metric or component
/// defined again in a segment's own tree keeps the first definition's label (the base tree's).
/// </summary>
public sealed class ModelLabels
{
    /// <summary>Longest label.</summary>
    public const int MaxLabelLength = 60;

    /// <summary>Longest unit.</summary>
    public const int MaxUnitLength = 20;

    private readonly Dictionary<string, MetricLabel> metrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricLabel> components = new(StringComparer.Ordinal);

    /// <summary>The labels of a model's base tree and its segments' own trees.</summary>
    public ModelLabels(IReadOnlyList<ComponentDefinition> components, IEnumerable<IReadOnlyList<ComponentDefinition>> segmentTrees)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(segmentTrees);
        Collect(components, string.Empty);
        foreach (var tree in segmentTrees)
        {
            Collect(tree, string.Empty);
        }
    }

    /// <summary>Every metric's label and unit by metric name.</summary>
    public IReadOnlyDictionary<string, MetricLabel> Metrics => metrics;

    /// <summary>Every component's label and unit by path ("adoption", "outcomes.onboarding").</summary>
    public IReadOnlyDictionary<string, MetricLabel> Components => components;

    /// <summary>The metric's label, or its name.</summary>
    public string Metric(string name) => metrics.TryGetValue(name, out var l) ? l.Label : name;

    /// <summary>The metric's unit, or null.</summary>
    public string? Unit(string name) => metrics.TryGetValue(name, out var l) ? l.Unit : null;

    /// <summary>The component's label, or its path.</summary>
    public string Component(string path) => components.TryGetValue(path, out var l) ? l.Label : path;

    /// <summary>What a path is called: a component's label ("Adoption"), or a metric's for "component.metric" or a bare metric name.</summary>
    public string Path(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (components.TryGetValue(path, out var c))
        {
            return c.Label;
        }

        var metric = path[(path.LastIndexOf('.') + 1)..];
        return metrics.TryGetValue(metric, out var m) ? m.Label : path;
    }

    /// <summary>The metric's label with its unit, for a column heading: "Active users (%)", "Resolution time (hours)", "Logins".</summary>
    public string MetricWithUnit(string name) => Unit(name) is { } unit ? $"{Metric(name)} ({unit})" : Metric(name);

    /// <summary>
    /// A raw value of the metric, rounded for reading, with its unit: "42%" (a unit that starts with %), "12 hours" (a word),
    /// "7" (no unit, or a scale such as "0-10", which the heading carries).
    /// </summary>
    public string Value(string metric, double value)
    {
        var number = Readable.Format(value);
        return Unit(metric) switch
        {
            null => number,
            { } u when u.StartsWith('%') => number + u,
            { } u when u.Any(char.IsAsciiDigit) => number,
            { } u => number + " " + u,
        };
    }

    /// <summary>Why a label or unit is not acceptable, or null: 1 to <paramref name="maxLength"/> printable characters, none of <c>&lt; &gt; ` *</c>.</summary>
    public static string? Problem(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length is 0 || trimmed.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"must be 1 to {maxLength} characters");
        }

        return trimmed.Any(c => char.IsControl(c) || c is '<' or '>' or '`' or '*')
            ? "may not hold control characters or markup (< > ` *): it is shown as plain text"
            : null;
    }

    private void Collect(IReadOnlyList<ComponentDefinition> level, string prefix)
    {
        foreach (var c in level)
        {
            var path = prefix.Length == 0 ? c.Name : $"{prefix}.{c.Name}";
            components.TryAdd(path, new MetricLabel(c.Label ?? c.Name, c.Unit));
            foreach (var m in c.Metrics)
            {
                metrics.TryAdd(m.Name, new MetricLabel(m.Label ?? m.Name, m.Unit));
            }

            Collect(c.Components, path);
        }
    }
}

/// <summary>What a metric or component is called and the unit of its value (null: none).</summary>
public sealed record MetricLabel(string Label, string? Unit);
