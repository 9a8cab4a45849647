using HealthScoring;

namespace HealthFunctions.Scoring;

/// <summary>The signal names a model reads, over its base components and every segment's.</summary>
public static class ModelSignals
{
    /// <summary>Collects the signal names.</summary>
    public static IReadOnlySet<string> Of(HealthModel model)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(model.Components, names);
        foreach (var segment in model.Segments.Values)
        {
            if (segment.Components is { } components)
            {
                Collect(components, names);
            }
        }

        return names;
    }

    private static void Collect(IEnumerable<ComponentDefinition> components, HashSet<string> names)
    {
        foreach (var c in components)
        {
            foreach (var m in c.Metrics)
            {
                names.Add(m.Signal);
            }

            Collect(c.Components, names);
        }
    }
}
