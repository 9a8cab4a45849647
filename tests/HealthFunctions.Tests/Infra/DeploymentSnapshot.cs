using System.Text.Json;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// The output of <c>bicep snapshot</c>: every resource a deployment would create (modules expanded), with the values
/// that depend only on parameters evaluated. Values known only at deployment time (another resource's runtime
/// properties) stay as ARM expression strings starting with '['.
/// </summary>
internal sealed class DeploymentSnapshot(JsonElement root)
{
    private const string DiagnosticSettingsSegment = "/providers/Microsoft.Insights/diagnosticSettings/";

    public IReadOnlyList<JsonElement> Resources { get; } = root.GetProperty("predictedResources").EnumerateArray().ToList();

    /// <summary>Problems the CLI found while evaluating (expected empty).</summary>
    public IReadOnlyList<JsonElement> Diagnostics { get; } = root.GetProperty("diagnostics").EnumerateArray().ToList();

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    public JsonElement Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>Child resources of <paramref name="parent"/> of the given type (their ids extend the parent's id).</summary>
    public IEnumerable<JsonElement> Children(JsonElement parent, string type) =>
        OfType(type).Where(r => Id(r).StartsWith(Id(parent) + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The diagnostic settings attached to a resource (extension resources whose id extends its id).</summary>
    public IEnumerable<JsonElement> DiagnosticSettingsOf(JsonElement resource) =>
        OfType("Microsoft.Insights/diagnosticSettings")
            .Where(d => Id(d).StartsWith(Id(resource) + DiagnosticSettingsSegment, StringComparison.OrdinalIgnoreCase));

    public static string Id(JsonElement resource)
    {
        var id = resource.GetProperty("id").GetString()!;
        Assert.False(id.StartsWith('['), $"The snapshot could not evaluate a resource id: {id}");
        return id;
    }

    public static string Name(JsonElement resource) => resource.GetProperty("name").GetString()!;

    public static JsonElement Properties(JsonElement resource) =>
        resource.TryGetProperty("properties", out var p) ? p : default;

    /// <summary>properties.a.b.c as a string, or null when a step is missing or null.</summary>
    public static string? StringAt(JsonElement resource, params string[] path) =>
        At(resource, path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public static JsonElement? At(JsonElement resource, params string[] path)
    {
        var current = Properties(resource);
        foreach (var step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }
}
