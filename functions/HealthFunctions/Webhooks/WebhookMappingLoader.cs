using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;

namespace HealthFunctions.Webhooks;

/// <summary>Reads and validates a mapping file, listing every problem by path (like the scoring model loader).</summary>
public static class WebhookMappingLoader
{
    private static readonly string[] ProfileFields = ["name", "segment", "lifecycleStage", "arr", "renewalDate", "owner"];

    /// <summary>The mapping shipped with the app (Webhooks/default-webhooks.json).</summary>
    public static WebhookMappings Default { get; } = LoadDefault();

    /// <summary>Parses a mapping; throws <see cref="WebhookMappingException"/> listing every problem.</summary>
    public static WebhookMappings Load(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new WebhookMappingException([new FieldError("$", $"not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var errors = new List<FieldError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookMappingException([new FieldError("$", "must be an object with version and sources.")]);
            }

            var version = OptionalText(root, "version", "version", errors) ?? "";
            if (version.Length == 0)
            {
                errors.Add(new FieldError("version", "is required."));
            }

            var sources = new Dictionary<string, SourceMapping>(StringComparer.Ordinal);
            if (!root.TryGetProperty("sources", out var s) || s.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError("sources", "must be an object keyed by source name."));
            }
            else
            {
                foreach (var p in s.EnumerateObject())
                {
                    var path = $"sources.{p.Name}";
                    if (!WebhookSource.All.ContainsKey(p.Name))
                    {
                        errors.Add(new FieldError(path, $"is not a source; expected one of {string.Join(", ", WebhookSource.All.Keys)}."));
                        continue;
                    }

                    if (ReadSource(p.Value, path, errors) is { } mapping)
                    {
                        sources[p.Name] = mapping;
                    }
                }
            }

            return errors.Count == 0 ? new WebhookMappings(version, sources) : throw new WebhookMappingException(errors);
        }
    }

    private static SourceMapping? ReadSource(JsonElement e, string path, List<FieldError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, "must be an object with eventId, timestamp and rules."));
            return null;
        }

        var eventId = OptionalText(e, "eventId", $"{path}.eventId", errors);
        var timestamp = OptionalText(e, "timestamp", $"{path}.timestamp", errors);
        var rules = new List<MappingRule>();
        if (!e.TryGetProperty("rules", out var r) || r.ValueKind != JsonValueKind.Array || r.GetArrayLength() == 0)
        {
            errors.Add(new FieldError($"{path}.rules", "must be a non-empty array of rules."));
        }
        else
        {
            var i = 0;
            foreach (var item in r.EnumerateArray())
            {
                if (ReadRule(item, $"{path}.rules[{i++}]", errors) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        return new SourceMapping(eventId, timestamp, rules);
    }

    private static MappingRule? ReadRule(JsonElement e, string path, List<FieldError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, "must be an object."));
            return null;
        }

        var before = errors.Count;
        var when = new List<MatchCondition>();
        if (e.TryGetProperty("when", out var w))
        {
            if (w.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError($"{path}.when", "must be an object of path: value or [values]."));
            }
            else
            {
                foreach (var c in w.EnumerateObject())
                {
                    var values = TextList(c.Value, $"{path}.when.{c.Name}", errors);
                    when.Add(new MatchCondition(c.Name, values));
                }
            }
        }

        var accountPaths = e.TryGetProperty("accountId", out var a) ? TextList(a, $"{path}.accountId", errors) : [];
        if (accountPaths.Count == 0)
        {
            errors.Add(new FieldError($"{path}.accountId", "is required: a path, or a list of paths tried in order."));
        }

        var metric = OptionalText(e, "metric", $"{path}.metric", errors);
        if (metric is not null && !MetricName.IsValid(metric))
        {
            errors.Add(new FieldError($"{path}.metric", MetricName.Rule));
        }

        var metricPath = OptionalText(e, "metricPath", $"{path}.metricPath", errors);
        var timestamp = OptionalText(e, "timestamp", $"{path}.timestamp", errors);
        var profile = ReadProfile(e, path, errors);
        var value = ReadValue(e, path, errors);
        var yields = (metric is not null ? 1 : 0) + (metricPath is not null ? 1 : 0) + (profile is not null ? 1 : 0);
        if (yields != 1)
        {
            errors.Add(new FieldError(path, "must have exactly one of metric, metricPath or profile."));
        }
        else if (profile is null && value is null)
        {
            errors.Add(new FieldError($"{path}.value", "is required for a signal rule."));
        }

        return errors.Count == before ? new MappingRule(when, accountPaths, metric, metricPath, value, timestamp, profile) : null;
    }

    private static Dictionary<string, string>? ReadProfile(JsonElement e, string path, List<FieldError> errors)
    {
        if (!e.TryGetProperty("profile", out var p))
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (p.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError($"{path}.profile", "must be an object of profile field: payload path."));
            return result;
        }

        foreach (var f in p.EnumerateObject())
        {
            if (!ProfileFields.Contains(f.Name, StringComparer.Ordinal))
            {
                errors.Add(new FieldError($"{path}.profile.{f.Name}", $"is not a profile field; expected one of {string.Join(", ", ProfileFields)}."));
            }
            else if (f.Value.ValueKind != JsonValueKind.String || f.Value.GetString() is not { Length: > 0 } fieldPath)
            {
                errors.Add(new FieldError($"{path}.profile.{f.Name}", "must be a payload path."));
            }
            else
            {
                result[f.Name] = fieldPath;
            }
        }

        return result;
    }

    private static ValueSpec? ReadValue(JsonElement e, string path, List<FieldError> errors)
    {
        if (!e.TryGetProperty("value", out var v))
        {
            return null;
        }

        var at = $"{path}.value";
        switch (v.ValueKind)
        {
            case JsonValueKind.Number when v.TryGetDouble(out var constant) && double.IsFinite(constant):
                return new ValueSpec(constant, null, null, null, 1);
            case JsonValueKind.Object:
                var scale = 1.0;
                if (v.TryGetProperty("scale", out var sc) && (sc.ValueKind != JsonValueKind.Number || !sc.TryGetDouble(out scale) || !double.IsFinite(scale)))
                {
                    errors.Add(new FieldError($"{at}.scale", "must be a finite number."));
                }

                var valuePath = OptionalText(v, "path", $"{at}.path", errors);
                var hoursSince = OptionalText(v, "hoursSince", $"{at}.hoursSince", errors);
                Dictionary<string, double>? map = null;
                if (v.TryGetProperty("map", out var m))
                {
                    map = new Dictionary<string, double>(StringComparer.Ordinal);
                    if (m.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(new FieldError($"{at}.map", "must be an object of text: number."));
                    }
                    else
                    {
                        foreach (var entry in m.EnumerateObject())
                        {
                            if (entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetDouble(out var n) && double.IsFinite(n))
                            {
                                map[entry.Name] = n;
                            }
                            else
                            {
                                errors.Add(new FieldError($"{at}.map.{entry.Name}", "must be a finite number."));
                            }
                        }
                    }
                }

                if ((valuePath is null ? 0 : 1) + (hoursSince is null ? 0 : 1) != 1)
                {
                    errors.Add(new FieldError(at, "must have exactly one of path or hoursSince."));
                }
                else if (map is not null && valuePath is null)
                {
                    errors.Add(new FieldError($"{at}.map", "needs path: the text to look up."));
                }

                return new ValueSpec(null, valuePath, map, hoursSince, scale);
            default:
                errors.Add(new FieldError(at, "must be a finite number or an object with path (and map, scale) or hoursSince."));
                return null;
        }
    }

    private static List<string> TextList(JsonElement e, string path, List<FieldError> errors)
    {
        if (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } one)
        {
            return [one];
        }

        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 &&
            e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String && x.GetString()!.Length > 0))
        {
            return e.EnumerateArray().Select(x => x.GetString()!).ToList();
        }

        errors.Add(new FieldError(path, "must be a non-empty string or a non-empty array of them."));
        return [];
    }

    private static string? OptionalText(JsonElement e, string name, string path, List<FieldError> errors)
    {
        if (!e.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (p.ValueKind != JsonValueKind.String || p.GetString()!.Length == 0)
        {
            errors.Add(new FieldError(path, "must be a non-empty string."));
            return null;
        }

        return p.GetString();
    }

    private static WebhookMappings LoadDefault()
    {
        using var stream = typeof(WebhookMappingLoader).Assembly.GetManifestResourceStream("HealthFunctions.Webhooks.default-webhooks.json")
            ?? throw new InvalidOperationException("The default webhook mapping is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd());
    }
}
