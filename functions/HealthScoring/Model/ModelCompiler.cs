namespace HealthScoring;

/// <summary>Checks a parsed component tree's meaning (names, weights) and applies segment and stage weight overrides.</summary>
internal static class ModelCompiler
{
    /// <summary>Checks names and weights of a tree whose error paths start at <paramref name="path"/> (e.g. "components").</summary>
    public static void Validate(IReadOnlyList<ComponentDefinition> components, string path, JsonModelReader r)
    {
        if (components.Count == 0)
        {
            r.Error(path, "needs at least one component");
            return;
        }

        CheckSiblings(components, path, r);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(components, path, r, seen);
    }

    /// <summary>Returns the tree with weight overrides applied; unknown paths are reported under <paramref name="path"/>.</summary>
    public static IReadOnlyList<ComponentDefinition> ApplyWeights(
        IReadOnlyList<ComponentDefinition> components, IReadOnlyDictionary<string, double> weights, string path, JsonModelReader r)
    {
        var overrides = new Dictionary<string, double>(StringComparer.Ordinal);
        var metricPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var componentPaths = new HashSet<string>(StringComparer.Ordinal);
        Collect(components, string.Empty, componentPaths, metricPaths);
        foreach (var (key, weight) in weights)
        {
            if (componentPaths.Contains(key) || metricPaths.ContainsValue(key))
            {
                overrides[key] = weight;
            }
            else if (!key.Contains('.', StringComparison.Ordinal) && metricPaths.TryGetValue(key, out var full))
            {
                overrides[full] = weight;
            }
            else
            {
                r.Error(JsonModelReader.Child(path, key), "no component or metric at this path (use 'component', 'component.metric' or a metric name)");
            }
        }

        return overrides.Count == 0 ? components : Rebuild(components, string.Empty, overrides);
    }

    /// <summary>Reports groups whose children have no positive weight (they could never score).</summary>
    public static void CheckPositiveWeights(IReadOnlyList<ComponentDefinition> components, string path, string context, JsonModelReader r)
    {
        if (components.All(c => c.Weight <= 0))
        {
            r.Error(path, $"{context}no top-level component has a positive weight");
        }

        foreach (var component in components)
        {
            CheckGroup(component, component.Name, path, context, r);
        }
    }

    private static void CheckGroup(ComponentDefinition group, string groupPath, string path, string context, JsonModelReader r)
    {
        if (group.Components.Count + group.Metrics.Count > 0 &&
            group.Components.All(c => c.Weight <= 0) && group.Metrics.All(m => m.Weight <= 0))
        {
            r.Error(path, $"{context}component '{groupPath}' has no child with a positive weight");
        }

        foreach (var child in group.Components)
        {
            CheckGroup(child, $"{groupPath}.{child.Name}", path, context, r);
        }
    }

    private static void CheckSiblings(IReadOnlyList<ComponentDefinition> components, string path, JsonModelReader r)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < components.Count; i++)
        {
            if (!names.Add(components[i].Name))
            {
                r.Error(JsonModelReader.Child(JsonModelReader.Index(path, i), "name"), $"duplicate component name '{components[i].Name}' among siblings");
            }
        }
    }

    private static void Walk(IReadOnlyList<ComponentDefinition> components, string path, JsonModelReader r, Dictionary<string, string> seen)
    {
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            var componentPath = JsonModelReader.Index(path, i);
            CheckSiblings(component.Components, JsonModelReader.Child(componentPath, "components"), r);
            for (var m = 0; m < component.Metrics.Count; m++)
            {
                var metricPath = JsonModelReader.Index(JsonModelReader.Child(componentPath, "metrics"), m);
                var name = component.Metrics[m].Name;
                if (seen.TryGetValue(name, out var first))
                {
                    r.Error(JsonModelReader.Child(metricPath, "name"), $"duplicate metric name '{name}' (first at {first}); metric names are unique in a model");
                }
                else
                {
                    seen[name] = metricPath;
                }
            }

            Walk(component.Components, JsonModelReader.Child(componentPath, "components"), r, seen);
        }
    }

    private static void Collect(IReadOnlyList<ComponentDefinition> components, string prefix, HashSet<string> componentPaths, Dictionary<string, string> metricPaths)
    {
        foreach (var component in components)
        {
            var path = prefix.Length == 0 ? component.Name : $"{prefix}.{component.Name}";
            componentPaths.Add(path);
            foreach (var metric in component.Metrics)
            {
                metricPaths.TryAdd(metric.Name, $"{path}.{metric.Name}");
            }

            Collect(component.Components, path, componentPaths, metricPaths);
        }
    }

    private static IReadOnlyList<ComponentDefinition> Rebuild(IReadOnlyList<ComponentDefinition> components, string prefix, Dictionary<string, double> overrides) =>
        components.Select(component =>
        {
            var path = prefix.Length == 0 ? component.Name : $"{prefix}.{component.Name}";
            return component with
            {
                Weight = overrides.GetValueOrDefault(path, component.Weight),
                Components = Rebuild(component.Components, path, overrides),
                Metrics = component.Metrics
                    .Select(m => m with { Weight = overrides.GetValueOrDefault($"{path}.{m.Name}", m.Weight) })
                    .ToArray(),
            };
        }).ToArray();
}
