using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthScoring.Calibration;

/// <summary>
/// Writes a proposed model: the current model's JSON with the calibration's edits (weights, refitted normalizers,
/// missing scores, aggregations, segment and stage shifts, tiers, display scale) and a new version,
/// "&lt;current&gt;-cal-yyyyMMdd-xxxx" (xxxx from the edited document, so two different proposals never share a
/// version). Everything not edited (windows, signals, playbooks, transitions, coverage) is kept as it was.
/// </summary>
internal static partial class ProposedModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The proposed model's JSON, validated by <see cref="HealthModelLoader.Load"/>.</summary>
    /// <param name="currentJson">The current model's JSON.</param>
    /// <param name="edits">What changes.</param>
    /// <param name="day">The calibration day (part of the version).</param>
    /// <param name="description">Text for the model's description.</param>
    public static (string Version, string Json) Build(string currentJson, ModelEdits edits, DateOnly day, string description)
    {
        ArgumentNullException.ThrowIfNull(currentJson);
        ArgumentNullException.ThrowIfNull(edits);
        var root = JsonNode.Parse(currentJson, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })?.AsObject()
            ?? throw new ArgumentException("The current model is not a JSON object.", nameof(currentJson));
        if (root["components"] is JsonArray components)
        {
            EditGroups(components, string.Empty, edits);
        }

        if (edits.SegmentShifts is { } segments)
        {
            Shifts(root, "segments", segments);
        }

        if (edits.StageShifts is { } stages)
        {
            Shifts(root, "lifecycleStages", stages);
        }

        root.Remove("displayScale");
        if (edits.Display is { } display)
        {
            root["displayScale"] = new JsonArray(display.Points.Select(p => (JsonNode)new JsonObject { ["weighted"] = p.Weighted, ["shown"] = p.Shown }).ToArray());
        }

        if (edits.Tiers is { } tiers)
        {
            root["tiers"] = new JsonObject { ["yellowFrom"] = tiers.YellowFrom, ["greenFrom"] = tiers.GreenFrom, ["hysteresis"] = tiers.Hysteresis };
        }

        var current = root["version"]?.GetValue<string>() ?? "model";
        root["description"] = description;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(current + "|" + root.ToJsonString())))[..4];
        var version = $"{CalibratedSuffix().Replace(current, "")}-cal-{day:yyyyMMdd}-{hash}";
        root["version"] = version;
        var json = root.ToJsonString(Indented);
        HealthModelLoader.Load(json);
        return (version, json);
    }

    /// <summary>A normalizer as the model document writes it.</summary>
    public static JsonObject ToJson(Normalizer normalizer) => normalizer switch
    {
        LinearNormalizer l => new JsonObject { ["type"] = l.Type, ["from"] = l.From, ["to"] = l.To },
        InvertedNormalizer i => new JsonObject { ["type"] = i.Type, ["best"] = i.Best, ["worst"] = i.Worst },
        BandsNormalizer b => new JsonObject
        {
            ["type"] = b.Type,
            ["bands"] = new JsonArray(b.Bands.Select(band => (JsonNode)(band.UpTo is { } u
                ? new JsonObject { ["upTo"] = u, ["score"] = band.Score }
                : new JsonObject { ["score"] = band.Score })).ToArray()),
        },
        BooleanNormalizer b => new JsonObject { ["type"] = b.Type, ["trueScore"] = b.TrueScore, ["falseScore"] = b.FalseScore },
        CategoricalNormalizer c => Categorical(c),
        _ => throw new ArgumentException($"A '{normalizer.Type}' normalizer is never proposed.", nameof(normalizer)),
    };

    private static JsonObject Categorical(CategoricalNormalizer c)
    {
        var levels = new JsonArray();
        foreach (var level in c.Levels)
        {
            var o = new JsonObject { ["value"] = level.Value };
            if (level.Label is not null)
            {
                o["label"] = level.Label;
            }

            o["score"] = level.Score;
            levels.Add(o);
        }

        var result = new JsonObject { ["type"] = c.Type, ["levels"] = levels };
        if (c.Otherwise is { } otherwise)
        {
            result["otherwise"] = otherwise;
        }

        return result;
    }

    private static void EditGroups(JsonArray components, string parent, ModelEdits edits)
    {
        foreach (var component in components.OfType<JsonObject>())
        {
            if (component["name"]?.GetValue<string>() is not { } name)
            {
                continue;
            }

            var path = parent.Length == 0 ? name : $"{parent}.{name}";
            if (edits.Groups.TryGetValue(path, out var g))
            {
                component["weight"] = g.Weight;
                if (g.Aggregation is { } aggregation)
                {
                    component["aggregation"] = aggregation == GroupAggregation.Min ? "min" : "weightedMean";
                }
            }

            if (component["metrics"] is JsonArray metrics)
            {
                foreach (var metric in metrics.OfType<JsonObject>())
                {
                    if (metric["name"]?.GetValue<string>() is { } metricName && edits.Metrics.TryGetValue(metricName, out var m))
                    {
                        EditMetric(metric, m);
                    }
                }
            }

            if (component["components"] is JsonArray children)
            {
                EditGroups(children, path, edits);
            }
        }
    }

    private static void EditMetric(JsonObject metric, MetricEdit edit)
    {
        metric["weight"] = edit.Weight;
        if (edit.Normalizer is { } normalizer)
        {
            metric["normalizer"] = ToJson(normalizer);
            metric.Remove("direction"); // the refitted normalizer carries the orientation
        }

        if (edit.MissingScore is { } missing)
        {
            metric["missingScore"] = missing;
        }
    }

    private static void Shifts(JsonObject root, string section, IReadOnlyDictionary<string, double> shifts)
    {
        if (shifts.Count == 0)
        {
            root.Remove(section);
            return;
        }

        var o = new JsonObject();
        foreach (var (name, shift) in shifts.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            o[name] = new JsonObject { ["shift"] = shift };
        }

        root[section] = o;
    }

    [GeneratedRegex(@"(-cal-\d{8}-[0-9a-f]{4})+$")]
    private static partial Regex CalibratedSuffix();
}
