namespace HealthScoring;

/// <summary>One child slot of a compiled group: a metric or a nested group, with its weight.</summary>
internal readonly record struct CompiledChild(int Index, bool IsGroup, double Weight);

/// <summary>A metric ready for scoring.</summary>
internal sealed record CompiledMetric(MetricDefinition Definition, string ComponentPath);

/// <summary>A group ready for scoring; <see cref="ChildWeightSum"/> is over all children, present or not.</summary>
internal sealed record CompiledGroup(
    string Name,
    string Path,
    double Weight,
    GroupAggregation Aggregation,
    CompiledChild[] Children,
    int ChildGroupCount,
    double ChildWeightSum,
    IReadOnlyList<string> MetricNames);

/// <summary>
/// A component tree flattened for scoring: metrics in model order and groups in post-order (children before
/// parents), the synthetic root last. Built once per model variant.
/// </summary>
internal sealed class CompiledTree
{
    private CompiledTree(CompiledMetric[] metrics, CompiledGroup[] groups)
    {
        Metrics = metrics;
        Groups = groups;
    }

    public CompiledMetric[] Metrics { get; }

    public CompiledGroup[] Groups { get; }

    public static CompiledTree Build(IReadOnlyList<ComponentDefinition> components)
    {
        var metrics = new List<CompiledMetric>();
        var groups = new List<CompiledGroup>();
        var root = new ComponentDefinition(string.Empty, 1, GroupAggregation.WeightedMean, components, []);
        Add(root, string.Empty, metrics, groups);
        return new CompiledTree(metrics.ToArray(), groups.ToArray());
    }

    private static int Add(ComponentDefinition group, string path, List<CompiledMetric> metrics, List<CompiledGroup> groups)
    {
        var children = new List<CompiledChild>();
        foreach (var component in group.Components)
        {
            var childPath = path.Length == 0 ? component.Name : $"{path}.{component.Name}";
            children.Add(new CompiledChild(Add(component, childPath, metrics, groups), true, component.Weight));
        }

        foreach (var metric in group.Metrics)
        {
            children.Add(new CompiledChild(metrics.Count, false, metric.Weight));
            metrics.Add(new CompiledMetric(metric, path));
        }

        var sum = 0.0;
        foreach (var child in children)
        {
            sum += child.Weight;
        }

        groups.Add(new CompiledGroup(
            group.Name, path, group.Weight, group.Aggregation, children.ToArray(), group.Components.Count, sum,
            group.Metrics.Select(m => m.Name).ToArray()));
        return groups.Count - 1;
    }
}
