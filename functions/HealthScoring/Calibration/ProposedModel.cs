using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthScoring.Calibration;

/// <summary>
/// Writes a proposed model: the current model's JSON with new component and metric weights and a new version,
/// "&lt;current&gt;-cal-yyyyMMdd-xxxx" (xxxx from the weights, so two different proposals never share a version).
/// Segment and lifecycle-stage weight overrides are left as they are.
/// </summary>
public static partial class ProposedModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The proposed model's JSON, validated by <see cref="HealthModelLoader.Load"/>.</summary>
    /// <param name="currentJson">The current model's JSON.</param>
    /// <param name="componentWeights">New weights of top-level components by name.</param>
    /// <param name="metricWeights">New weights of metrics by metric name.</param>
    /// <param name="day">The calibration day (part of the version).</param>
    /// <param name="description">Text for the model's description.</param>
    public static (string Version, string Json) Build(
        string currentJson, IReadOnlyDictionary<string, double> componentWeights, IReadOnlyDictionary<string, double> metricWeights,
        DateOnly day, string description)
    {
        ArgumentNullException.ThrowIfNull(currentJson);
        ArgumentNullException.ThrowIfNull(componentWeights);
        ArgumentNullException.ThrowIfNull(metricWeights);
        var root = JsonNode.Parse(currentJson, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })?.AsObject()
            ?? throw new ArgumentException("The current model is not a JSON object.", nameof(currentJson));
        if (root["components"] is JsonArray components)
        {
            foreach (var component in components.OfType<JsonObject>())
            {
                if (component["name"]?.GetValue<string>() is { } name && componentWeights.TryGetValue(name, out var w))
                {
                    component["weight"] = w;
                }

                SetMetricWeights(component, metricWeights);
            }
        }

        var current = root["version"]?.GetValue<string>() ?? "model";
        var weightsText = string.Join(';', componentWeights.OrderBy(k => k.Key, StringComparer.Ordinal).Concat(metricWeights.OrderBy(k => k.Key, StringComparer.Ordinal))
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key}={k.Value:R}")));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(current + "|" + weightsText)))[..4];
        var version = $"{CalibratedSuffix().Replace(current, "")}-cal-{day:yyyyMMdd}-{hash}";
        root["version"] = version;
        root["description"] = description;
        var json = root.ToJsonString(Indented);
        HealthModelLoader.Load(json);
        return (version, json);
    }

    private static void SetMetricWeights(JsonObject group, IReadOnlyDictionary<string, double> metricWeights)
    {
        if (group["metrics"] is JsonArray metrics)
        {
            foreach (var metric in metrics.OfType<JsonObject>())
            {
                if (metric["name"]?.GetValue<string>() is { } name && metricWeights.TryGetValue(name, out var w))
                {
                    metric["weight"] = w;
                }
            }
        }

        if (group["components"] is JsonArray children)
        {
            foreach (var child in children.OfType<JsonObject>())
            {
                SetMetricWeights(child, metricWeights);
            }
        }
    }

    [GeneratedRegex(@"(-cal-\d{8}-[0-9a-f]{4})+$")]
    private static partial Regex CalibratedSuffix();
}
