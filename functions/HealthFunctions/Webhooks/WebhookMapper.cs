using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;
using HealthFunctions.Storage;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Turns a verified delivery into signals and profile updates with the source's mapping. Pure: all or nothing,
/// every problem listed by payload path (a 400), nothing returned when any is found. A rule whose account id is
/// absent from the payload is skipped (e.g. a Segment track call from a user in no group); one that is present but
/// unusable is an error.
/// </summary>
public static class WebhookMapper
{
    /// <summary>Maps a delivery.</summary>
    public static MappedDelivery Map(string source, SourceMapping mapping, JsonElement root, string? headerDeliveryId, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException("$", "must be a JSON object.");
        }

        var errors = new List<FieldError>();
        var deliveryId = DeliveryId(mapping, root, headerDeliveryId, errors);
        var eventTime = now;
        if (mapping.TimestampPath is { } tsPath && !ReadTime(root, tsPath, now, errors, out eventTime))
        {
            eventTime = now;
        }

        var signals = new List<Signal>();
        var profiles = new List<ProfileUpdate>();
        foreach (var rule in mapping.Rules)
        {
            if (!rule.When.All(c => JsonPath.Text(root, c.Path) is { } v && c.AnyOf.Contains(v, StringComparer.Ordinal)))
            {
                continue;
            }

            var accountId = AccountId(rule, root, errors);
            if (accountId is null)
            {
                continue;
            }

            if (rule.Profile is { } fields)
            {
                profiles.Add(new ProfileUpdate(accountId, ReadProfile(root, fields, errors), eventTime));
                continue;
            }

            var signal = ReadSignal(source, rule, root, accountId, deliveryId ?? "", eventTime, now, errors);
            if (signal is not null)
            {
                signals.Add(signal);
            }
        }

        return errors.Count == 0 ? new MappedDelivery(deliveryId!, signals, profiles) : throw new RequestValidationException(errors);
    }

    /// <summary>The event id of a mapped signal: source, the source's delivery id and the metric, so a redelivery dedupes.</summary>
    public static string EventId(string source, string deliveryId, string metric)
    {
        var id = $"{source}:{deliveryId}:{metric}";
        return id.Length <= 256 ? id : $"{source}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))}:{metric}";
    }

    private static string? DeliveryId(SourceMapping mapping, JsonElement root, string? headerDeliveryId, List<FieldError> errors)
    {
        var field = mapping.EventIdPath ?? "webhook-id";
        string? id;
        if (mapping.EventIdPath is null)
        {
            id = headerDeliveryId;
        }
        else if (JsonPath.Find(root, mapping.EventIdPath) is { } e)
        {
            id = e.ValueKind is JsonValueKind.String or JsonValueKind.Number ? JsonPath.AsText(e) : null;
            if (id is null)
            {
                errors.Add(new FieldError(field, "must be a string or a number."));
                return null;
            }
        }
        else
        {
            id = null;
        }

        if (id is not { Length: > 0 and <= 256 } || string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new FieldError(field, "is required: the source's own event id, 1-256 characters, dedupes redeliveries."));
            return null;
        }

        return id;
    }

    private static string? AccountId(MappingRule rule, JsonElement root, List<FieldError> errors)
    {
        foreach (var path in rule.AccountIdPaths)
        {
            if (JsonPath.Find(root, path) is not { } e)
            {
                continue;
            }

            var id = e.ValueKind is JsonValueKind.String or JsonValueKind.Number ? JsonPath.AsText(e) : null;
            var problem = id is null ? "must be a string or a number." : SignalParser.AccountIdProblem(id);
            if (problem is not null)
            {
                errors.Add(new FieldError(path, $"(account id) {problem}"));
                return null;
            }

            return id;
        }

        return null;
    }

    private static Signal? ReadSignal(string source, MappingRule rule, JsonElement root, string accountId, string deliveryId,
        DateTimeOffset eventTime, DateTimeOffset now, List<FieldError> errors)
    {
        var before = errors.Count;
        var metric = rule.Metric;
        if (rule.MetricPath is { } metricPath)
        {
            metric = JsonPath.Find(root, metricPath) is { ValueKind: JsonValueKind.String } m ? m.GetString() : null;
            if (metric is null || !MetricName.IsValid(metric))
            {
                errors.Add(new FieldError(metricPath, metric is null ? "is required: a metric name string." : MetricName.Rule));
            }
        }

        var timestamp = eventTime;
        if (rule.TimestampPath is { } tsPath && JsonPath.Find(root, tsPath) is not null)
        {
            ReadTime(root, tsPath, now, errors, out timestamp);
        }

        var value = ReadValue(rule.Value!, root, timestamp, errors);
        return errors.Count == before
            ? new Signal(accountId, metric!, value, timestamp, EventId(source, deliveryId, metric!), source)
            : null;
    }

    private static double ReadValue(ValueSpec spec, JsonElement root, DateTimeOffset eventTime, List<FieldError> errors)
    {
        double raw;
        string field;
        if (spec.Constant is { } constant)
        {
            return constant;
        }

        if (spec.HoursSincePath is { } sincePath)
        {
            field = sincePath;
            if (JsonPath.Find(root, sincePath) is not { } e || !JsonPath.TryTime(e, out var since))
            {
                errors.Add(new FieldError(sincePath, "must be an ISO 8601 date-time or Unix seconds."));
                return 0;
            }

            raw = (eventTime - since).TotalHours;
            if (raw < 0)
            {
                errors.Add(new FieldError(sincePath, "is after the event time."));
                return 0;
            }
        }
        else
        {
            field = spec.Path!;
            var e = JsonPath.Find(root, field);
            if (spec.Map is { } map)
            {
                var text = e is { } t ? JsonPath.AsText(t) : null;
                if (text is null || !map.TryGetValue(text, out raw))
                {
                    errors.Add(new FieldError(field, $"must be one of {string.Join(", ", map.Keys)}."));
                    return 0;
                }
            }
            else if (e is not { ValueKind: JsonValueKind.Number } n || !n.TryGetDouble(out raw) || !double.IsFinite(raw))
            {
                errors.Add(new FieldError(field, "must be a finite number."));
                return 0;
            }
        }

        var value = raw * spec.Scale;
        if (!double.IsFinite(value))
        {
            errors.Add(new FieldError(field, "is too large."));
        }

        return value;
    }

    private static bool ReadTime(JsonElement root, string path, DateTimeOffset now, List<FieldError> errors, out DateTimeOffset time)
    {
        if (JsonPath.Find(root, path) is not { } e)
        {
            time = now;
            return true;
        }

        if (!JsonPath.TryTime(e, out time))
        {
            errors.Add(new FieldError(path, "must be an ISO 8601 date-time or Unix seconds."));
            return false;
        }

        if (SignalParser.TimestampProblem(time, now) is { } problem)
        {
            errors.Add(new FieldError(path, problem));
            return false;
        }

        return true;
    }

    private static AccountProfileData ReadProfile(JsonElement root, IReadOnlyDictionary<string, string> fields, List<FieldError> errors)
    {
        string? Text(string field, int max)
        {
            if (!fields.TryGetValue(field, out var path) || JsonPath.Find(root, path) is not { } e)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.String || e.GetString() is not { } s || s.Length > max)
            {
                errors.Add(new FieldError(path, $"must be a string of at most {max} characters."));
                return null;
            }

            return s;
        }

        double? arr = null;
        if (fields.TryGetValue("arr", out var arrPath) && JsonPath.Find(root, arrPath) is { } a)
        {
            if (a.ValueKind == JsonValueKind.Number && a.TryGetDouble(out var v) && double.IsFinite(v) && v >= 0)
            {
                arr = v;
            }
            else
            {
                errors.Add(new FieldError(arrPath, "must be a number of 0 or more."));
            }
        }

        DateOnly? renewal = null;
        if (fields.TryGetValue("renewalDate", out var renewalPath) && JsonPath.Find(root, renewalPath) is { } r)
        {
            if (JsonPath.TryTime(r, out var at))
            {
                renewal = DateOnly.FromDateTime(at.UtcDateTime);
            }
            else if (r.ValueKind == JsonValueKind.String &&
                     DateOnly.TryParseExact(r.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                renewal = d;
            }
            else
            {
                errors.Add(new FieldError(renewalPath, "must be a date as yyyy-MM-dd."));
            }
        }

        return new AccountProfileData(Text("name", 200), Text("segment", 64), Text("lifecycleStage", 64), arr, renewal, Text("owner", 200));
    }
}
