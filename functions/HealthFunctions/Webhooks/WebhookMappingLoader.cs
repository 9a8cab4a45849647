using System.Text;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;

namespace HealthFunctions.Webhooks;

/// <summary>Reads and validates a mapping file, listing every problem by path (like the scoring model loader).</summary>
public static class WebhookMappingLoader
{
    private static readonly string[] ProfileFields = ["name", "segment", "lifecycleStage", "arr", "renewalDate", "owner"];
    private static readonly string[] SourceProperties = ["eventId", "timestamp", "rules", "comment"];
    private static readonly string[] RuleProperties = ["when", "accountId", "metric", "metricPath", "value", "timestamp", "profile", "comment"];
    private static readonly string[] ValueProperties = ["path", "sum", "map", "scale", "hoursSince", "optional"];
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The mapping shipped with the app (Webhooks/default-webhooks.json).</summary>
    public static WebhookMappings Default { get; } = LoadDefault();

    /// <summary>Parses a mapping; throws <see cref="WebhookMappingException"/> listing every problem.</summary>
    public static WebhookMappings Load(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonText.Parse(Encoding.UTF8.GetBytes(json), Options);
        }
        catch (RequestValidationException e)
        {
            throw new WebhookMappingException(e.Errors);
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

        Unknown(e, path, SourceProperties, errors);
        var eventId = OptionalPath(e, "eventId", $"{path}.eventId", arrays: false, errors);
        var timestamp = OptionalPath(e, "timestamp", $"{path}.timestamp", arrays: false, errors);
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
        Unknown(e, path, RuleProperties, errors);
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
                    CheckPath(c.Name, $"{path}.when.{c.Name}", arrays: true, errors);
                    when.Add(new MatchCondition(c.Name, TextList(c.Value, $"{path}.when.{c.Name}", errors)));
                }
            }
        }

        var accountPaths = e.TryGetProperty("accountId", out var a) ? PathList(a, $"{path}.accountId", errors) : [];
        if (accountPaths.Count == 0)
        {
            errors.Add(new FieldError($"{path}.accountId", "is required: a path, or a list of paths tried in order."));
        }

        var metric = OptionalText(e, "metric", $"{path}.metric", errors);
        if (metric is not null && !MetricName.IsValid(metric))
        {
            errors.Add(new FieldError($"{path}.metric", MetricName.Rule));
        }

        var metricPath = OptionalPath(e, "metricPath", $"{path}.metricPath", arrays: false, errors);
        var timestamp = OptionalPath(e, "timestamp", $"{path}.timestamp", arrays: false, errors);
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
        else if (profile is not null && value is not null)
        {
            errors.Add(new FieldError($"{path}.value", "is for signal rules; a profile rule reads its fields from profile."));
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
            var at = $"{path}.profile.{f.Name}";
            if (!ProfileFields.Contains(f.Name, StringComparer.Ordinal))
            {
                errors.Add(new FieldError(at, $"is not a profile field; expected one of {string.Join(", ", ProfileFields)}."));
            }
            else if (f.Value.ValueKind != JsonValueKind.String || f.Value.GetString() is not { Length: > 0 } fieldPath)
            {
                errors.Add(new FieldError(at, "must be a payload path."));
            }
            else if (CheckPath(fieldPath, at, arrays: false, errors))
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
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var constant) && double.IsFinite(constant))
        {
            return ValueSpec.Of(constant);
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(at, "must be a finite number or an object with path (or sum), map, scale, optional, or hoursSince."));
            return null;
        }

        Unknown(v, at, ValueProperties, errors);
        var scale = 1.0;
        if (v.TryGetProperty("scale", out var sc) && (sc.ValueKind != JsonValueKind.Number || !sc.TryGetDouble(out scale) || !double.IsFinite(scale)))
        {
            errors.Add(new FieldError($"{at}.scale", "must be a finite number."));
        }

        var optional = false;
        if (v.TryGetProperty("optional", out var o))
        {
            if (o.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                optional = o.GetBoolean();
            }
            else
            {
                errors.Add(new FieldError($"{at}.optional", "must be true or false."));
            }
        }

        var sources = new List<ValueSource>();
        if (v.TryGetProperty("path", out var p))
        {
            sources.AddRange(Sources(p, $"{at}.path", errors));
        }

        if (v.TryGetProperty("sum", out var sum))
        {
            sources.AddRange(Sources(sum, $"{at}.sum", errors, sumOnly: true));
        }

        var hoursSince = OptionalPath(v, "hoursSince", $"{at}.hoursSince", arrays: false, errors);
        var map = ReadMap(v, at, errors);
        if ((sources.Count > 0 ? 1 : 0) + (hoursSince is null ? 0 : 1) != 1)
        {
            errors.Add(new FieldError(at, "must have path (or sum), or hoursSince: one of them."));
        }
        else if (map is not null && (sources.Count == 0 || sources.Any(s => s.Sum)))
        {
            errors.Add(new FieldError($"{at}.map", "needs path (no sum): the text to look up."));
        }

        return new ValueSpec(null, sources, map, hoursSince, scale, optional);
    }

    /// <summary>
    /// Value sources from <c>"a.b"</c>, <c>["a.b", {"sum": "c[].d"}]</c> (tried in order, the first present wins) or, under
    /// <c>sum</c>, an array path whose numbers are added up.
    /// </summary>
    private static List<ValueSource> Sources(JsonElement e, string at, List<FieldError> errors, bool sumOnly = false)
    {
        var items = e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [e];
        var result = new List<ValueSource>();
        if (items.Count == 0)
        {
            errors.Add(new FieldError(at, "must name at least one path."));
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemAt = e.ValueKind == JsonValueKind.Array ? $"{at}[{i}]" : at;
            var item = items[i];
            var isSum = sumOnly;
            if (!sumOnly && item.ValueKind == JsonValueKind.Object)
            {
                Unknown(item, itemAt, ["sum"], errors);
                isSum = item.TryGetProperty("sum", out item);
                itemAt += ".sum";
            }

            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } path)
            {
                errors.Add(new FieldError(itemAt, sumOnly ? "must be an array path, e.g. data.object.items.data[].quantity."
                    : "must be a payload path, or {\"sum\": \"an array path\"}."));
                continue;
            }

            if (!CheckPath(path, itemAt, arrays: isSum, errors))
            {
                continue;
            }

            if (isSum && !JsonPath.HasArrays(path))
            {
                errors.Add(new FieldError(itemAt, "is a sum, so it must step into an array with [] (e.g. items.data[].quantity)."));
                continue;
            }

            result.Add(new ValueSource(path, isSum));
        }

        return result;
    }

    private static Dictionary<string, double>? ReadMap(JsonElement v, string at, List<FieldError> errors)
    {
        if (!v.TryGetProperty("map", out var m))
        {
            return null;
        }

        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        if (m.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError($"{at}.map", "must be an object of text: number."));
            return map;
        }

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

        return map;
    }

    private static void Unknown(JsonElement e, string path, string[] known, List<FieldError> errors)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                errors.Add(new FieldError($"{path}.{p.Name}", $"is not a known property; expected {string.Join(", ", known)}."));
            }
        }
    }

    private static bool CheckPath(string value, string path, bool arrays, List<FieldError> errors)
    {
        if (JsonPath.Problem(value, arrays) is { } problem)
        {
            errors.Add(new FieldError(path, problem));
            return false;
        }

        return true;
    }

    private static List<string> PathList(JsonElement e, string path, List<FieldError> errors) =>
        TextList(e, path, errors).Where(p => CheckPath(p, path, arrays: false, errors)).ToList();

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

    private static string? OptionalPath(JsonElement e, string name, string path, bool arrays, List<FieldError> errors) =>
        OptionalText(e, name, path, errors) is { } value && CheckPath(value, path, arrays, errors) ? value : null;

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
