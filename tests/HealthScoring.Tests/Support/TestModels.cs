using System.Globalization;
using System.Text;

namespace HealthScoring.Tests.Support;

/// <summary>Small model documents for tests, written as JSON so they also exercise the loader.</summary>
internal static class TestModels
{
    /// <summary>One component holding "latest" metrics normalized linearly from 0 to 100.</summary>
    public static HealthModel Flat(params (string Name, double Weight)[] metrics) =>
        HealthModelLoader.Load(FlatJson(metrics));

    public static string FlatJson((string Name, double Weight)[] metrics, double minimumCoverage = 0, string missingData = "reweight")
    {
        var items = string.Join(",", metrics.Select(m =>
            $$"""{ "name": "{{m.Name}}", "weight": {{N(m.Weight)}}, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 } }"""));
        return $$"""
            { "version": "test-1", "minimumCoverage": {{N(minimumCoverage)}}, "missingData": "{{missingData}}",
              "components": [ { "name": "main", "metrics": [ {{items}} ] } ] }
            """;
    }

    /// <summary>
    /// A two-level model: groups g0..gN with the given weights, each holding metrics (name, weight) normalized
    /// linearly from 0 to 100; metrics listed in <paramref name="drop"/> are left out.
    /// </summary>
    public static string NestedJson(IReadOnlyList<(double Weight, (string Name, double Weight)[] Metrics)> groups, ISet<string>? drop = null)
    {
        var sb = new StringBuilder("""{ "version": "test-nested", "minimumCoverage": 0, "components": [""");
        var first = true;
        for (var g = 0; g < groups.Count; g++)
        {
            var kept = groups[g].Metrics.Where(m => drop is null || !drop.Contains(m.Name)).ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            sb.Append(first ? string.Empty : ",");
            first = false;
            sb.Append(CultureInfo.InvariantCulture, $$"""{ "name": "g{{g}}", "weight": {{N(groups[g].Weight)}}, "metrics": [""");
            sb.Append(string.Join(",", kept.Select(m =>
                $$"""{ "name": "{{m.Name}}", "weight": {{N(m.Weight)}}, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 } }""")));
            sb.Append("]}");
        }

        return sb.Append("]}").ToString();
    }

    public static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
