using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthFunctions.Ingestion;
using HealthFunctions.Storage;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Turns a verified delivery into signals and profile updates with the source's mapping. Pure, and it never refuses:
/// what a rule cannot use (an unusable account id, a missing or wrong value, a time outside what signals accept) is
/// skipped and reported by payload path, and the rest is kept. A rule whose account id is absent from the payload does
/// not apply (e.g. a Segment track call from a user in no group). Without a usable event id nothing is kept, since a
/// redelivery could then not be told from a new event.
/// </summary>
public static class WebhookMapper
{
    /// <summary>Maps a delivery.</summary>
    /// <param name="source">The source's route name.</param>
    /// <param name="mapping">The source's mapping.</param>
    /// <param name="root">The payload.</param>
    /// <param name="headerDeliveryId">The delivery id the signature vouches for (Standard Webhooks' webhook-id), if any.</param>
    /// <param name="fallbackDeliveryId">The id to archive and park the delivery under when it has no usable event id.</param>
    /// <param name="now">The time of receipt.</param>
    /// <param name="repaired">Payload paths whose text held an unpaired surrogate escape (see <see cref="JsonText.ParseRepairing"/>).</param>
    public static MappedDelivery Map(string source, SourceMapping mapping, JsonElement root, string? headerDeliveryId, string fallbackDeliveryId,
        DateTimeOffset now, IReadOnlyCollection<string>? repaired = null)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new MappedDelivery(fallbackDeliveryId, [], [], [new SkippedItem("$", "must be a JSON object; no rule can read anything else.")]);
        }

        var payload = new Payload(root, now, repaired ?? []);
        var skipped = new List<SkippedItem>();
        var (eventId, eventIdProblem) = EventId(mapping, root, headerDeliveryId);
        var deliveryId = eventId ?? fallbackDeliveryId;
        var eventTime = mapping.TimestampPath is { } timestampPath ? payload.Time(timestampPath) : new Reading<DateTimeOffset>(now, null, null);
        var signals = new List<Signal>();
        var profiles = new List<ProfileUpdate>();
        foreach (var rule in mapping.Rules)
        {
            if (!rule.When.All(c => JsonPath.Texts(root, c.Path).Any(v => c.AnyOf.Contains(v, StringComparer.Ordinal))))
            {
                continue;
            }

            var accountId = AccountId(rule, payload, skipped);
            if (accountId is null)
            {
                continue;
            }

            if (rule.Profile is { } fields)
            {
                ReadProfile(payload, fields, accountId, eventTime, profiles, skipped);
            }
            else if (ReadSignal(source, rule, payload, accountId, deliveryId, eventTime, skipped) is { } signal)
            {
                signals.Add(signal);
            }
        }

        if (eventIdProblem is not null && signals.Count + profiles.Count + skipped.Count > 0)
        {
            return new MappedDelivery(deliveryId, [], [], [eventIdProblem, .. skipped]);
        }

        return new MappedDelivery(deliveryId, signals, profiles, skipped);
    }

    /// <summary>The event id of a mapped signal: source, the source's delivery id and the metric, so a redelivery dedupes.</summary>
    public static string EventId(string source, string deliveryId, string metric)
    {
        var id = $"{source}:{deliveryId}:{metric}";
        return id.Length <= 256 ? id : $"{source}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))}:{metric}";
    }

    private static (string? Id, SkippedItem? Problem) EventId(SourceMapping mapping, JsonElement root, string? headerDeliveryId)
    {
        var field = mapping.EventIdPath ?? "webhook-id";
        var id = headerDeliveryId;
        if (mapping.EventIdPath is { } path)
        {
            var e = JsonPath.Find(root, path);
            id = e is { ValueKind: JsonValueKind.String or JsonValueKind.Number } v ? JsonPath.AsText(v) : null;
            if (e is not null && id is null)
            {
                return (null, new SkippedItem(field, "(event id) must be a string or a number."));
            }
        }

        return id is { Length: > 0 and <= 256 } && !string.IsNullOrWhiteSpace(id)
            ? (id, null)
            : (null, new SkippedItem(field, "(event id) is required: the source's own event id, 1-256 characters, which dedupes redeliveries."));
    }

    private static string? AccountId(MappingRule rule, Payload payload, List<SkippedItem> skipped)
    {
        foreach (var path in rule.AccountIdPaths)
        {
            if (JsonPath.Find(payload.Root, path) is not { } e)
            {
                continue;
            }

            var id = e.ValueKind is JsonValueKind.String or JsonValueKind.Number ? JsonPath.AsText(e) : null;
            var problem = id is null ? "must be a string or a number."
                : payload.Repaired.Contains(path) ? JsonText.UnpairedSurrogateProblem
                : SignalParser.AccountIdProblem(id);
            if (problem is not null)
            {
                skipped.Add(new SkippedItem(path, $"(account id) {problem}", null, rule.Metric));
                return null;
            }

            return id;
        }

        return null;
    }

    private static Signal? ReadSignal(string source, MappingRule rule, Payload payload, string accountId, string deliveryId,
        Reading<DateTimeOffset> eventTime, List<SkippedItem> skipped)
    {
        var metric = rule.Metric;
        if (rule.MetricPath is { } metricPath)
        {
            metric = JsonPath.Find(payload.Root, metricPath) is { ValueKind: JsonValueKind.String } m ? m.GetString() : null;
            if (metric is null || !MetricName.IsValid(metric))
            {
                skipped.Add(new SkippedItem(metricPath, metric is null ? "(metric) is required: a metric name string." : $"(metric) {MetricName.Rule}", accountId));
                return null;
            }
        }

        var time = rule.TimestampPath is { } rulePath && JsonPath.Find(payload.Root, rulePath) is not null ? payload.Time(rulePath) : eventTime;
        if (time.Problem is null && SignalParser.TimestampProblem(time.Value, payload.Now) is { } timeProblem)
        {
            time = time with { Problem = timeProblem };
        }

        if (time.Problem is { } timeReason)
        {
            skipped.Add(new SkippedItem(time.Field!, timeReason, accountId, metric));
            return null;
        }

        var value = ReadValue(rule.Value!, payload, time.Value);
        if (value.Problem is { } valueReason)
        {
            skipped.Add(new SkippedItem(value.Field!, valueReason, accountId, metric));
            return null;
        }

        if (value.IsAbsent)
        {
            return null; // an optional value that is absent: the rule yields nothing
        }

        if (SignalParser.ValueProblem(value.Value) is { } magnitude)
        {
            // Beyond what a signal may hold (as POST /api/signals refuses it): skipped and said, not clamped silently.
            skipped.Add(new SkippedItem(value.Field ?? "(value)", "(value) " + magnitude, accountId, metric));
            return null;
        }

        return new Signal(accountId, metric!, value.Value, time.Value, EventId(source, deliveryId, metric!), source);
    }

    private static Reading<double> ReadValue(ValueSpec spec, Payload payload, DateTimeOffset eventTime)
    {
        if (spec.Constant is { } constant)
        {
            return new Reading<double>(constant, null, null);
        }

        Reading<double> read;
        if (spec.HoursSincePath is { } sincePath)
        {
            read = JsonPath.Find(payload.Root, sincePath) is not { } e ? Absent(spec, sincePath)
                : !JsonPath.TryTime(e, out var since) ? new Reading<double>(0, sincePath, "must be an ISO 8601 date-time or Unix seconds.")
                : since > eventTime ? new Reading<double>(0, sincePath, "is after the event time.")
                : new Reading<double>((eventTime - since).TotalHours, sincePath, null);
        }
        else
        {
            read = spec.Sources.Select(s => ReadSource(s, spec.Map, payload.Root)).FirstOrDefault(r => r is not null)
                ?? Absent(spec, string.Join(" or ", spec.Sources));
        }

        if (read.Problem is not null || read.IsAbsent)
        {
            return read;
        }

        var value = read.Value * spec.Scale;
        return double.IsFinite(value) ? read with { Value = value } : read with { Problem = "is too large." };
    }

    /// <summary>A value from one source; null when the source is absent from the payload (the next one is tried).</summary>
    private static Reading<double>? ReadSource(ValueSource source, IReadOnlyDictionary<string, double>? map, JsonElement root)
    {
        if (source.Sum)
        {
            if (JsonPath.FindAll(root, source.Path) is not { Count: > 0 } elements)
            {
                return null;
            }

            var sum = 0.0;
            foreach (var element in elements)
            {
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var n) || !double.IsFinite(n))
                {
                    return new Reading<double>(0, source.ToString(), "must be a finite number in every element that has it.");
                }

                sum += n;
            }

            return new Reading<double>(sum, source.ToString(), null);
        }

        if (JsonPath.Find(root, source.Path) is not { } e)
        {
            return null;
        }

        if (map is not null)
        {
            return JsonPath.AsText(e) is { } text && map.TryGetValue(text, out var mapped)
                ? new Reading<double>(mapped, source.Path, null)
                : new Reading<double>(0, source.Path, $"must be one of {string.Join(", ", map.Keys)}.");
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var raw) && double.IsFinite(raw)
            ? new Reading<double>(raw, source.Path, null)
            : new Reading<double>(0, source.Path, "must be a finite number.");
    }

    private static Reading<double> Absent(ValueSpec spec, string field) =>
        new(0, field, spec.Optional ? null : "is absent: the rule needs it for the value.") { IsAbsent = true };

    private static void ReadProfile(Payload payload, IReadOnlyDictionary<string, string> fields, string accountId, Reading<DateTimeOffset> eventTime,
        List<ProfileUpdate> profiles, List<SkippedItem> skipped)
    {
        var problem = eventTime.Problem
            ?? (eventTime.Value < SignalParser.Earliest ? "is before 2000-01-01."
            : eventTime.Value > payload.Now.AddDays(1) ? "is more than a day in the future." : null);
        if (problem is not null)
        {
            skipped.Add(new SkippedItem(eventTime.Field!, $"(time of the profile change) {problem}", accountId));
            return;
        }

        var root = payload.Root;
        string? Text(string field, int max)
        {
            if (!fields.TryGetValue(field, out var path) || JsonPath.Find(root, path) is not { } e)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.String || e.GetString() is not { } s || s.Length > max)
            {
                skipped.Add(new SkippedItem(path, $"({field}) must be a string of at most {max} characters.", accountId));
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
                skipped.Add(new SkippedItem(arrPath, "(arr) must be a number of 0 or more.", accountId));
            }
        }

        DateOnly? renewal = null;
        if (fields.TryGetValue("renewalDate", out var renewalPath) && JsonPath.Find(root, renewalPath) is { } r)
        {
            if (r.ValueKind == JsonValueKind.String &&
                DateOnly.TryParseExact(r.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                renewal = d;
            }
            else if (JsonPath.TryTime(r, out var at))
            {
                renewal = DateOnly.FromDateTime(at.UtcDateTime);
            }
            else
            {
                skipped.Add(new SkippedItem(renewalPath, "(renewalDate) must be a date as yyyy-MM-dd.", accountId));
            }
        }

        var data = new AccountProfileData(Text("name", 200), Text("segment", 64), Text("lifecycleStage", 64), arr, renewal, Text("owner", 200));
        if (data != AccountProfileData.Empty)
        {
            profiles.Add(new ProfileUpdate(accountId, data, eventTime.Value));
        }
    }

    /// <summary>What was read at a path: the value, or the problem (with the path it concerns).</summary>
    private sealed record Reading<T>(T Value, string? Field, string? Problem)
    {
        /// <summary>Nothing at the path (and no problem unless the rule needs the value).</summary>
        public bool IsAbsent { get; init; }
    }

    /// <summary>A payload with what its reading needs: the time of receipt and the paths whose text was repaired.</summary>
    private sealed class Payload(JsonElement root, DateTimeOffset now, IReadOnlyCollection<string> repaired)
    {
        public JsonElement Root { get; } = root;

        public DateTimeOffset Now { get; } = now;

        public IReadOnlyCollection<string> Repaired { get; } = repaired;

        /// <summary>The time at a path: absent is now; present but unreadable is a problem.</summary>
        public Reading<DateTimeOffset> Time(string path) =>
            JsonPath.Find(Root, path) is not { } e ? new Reading<DateTimeOffset>(Now, path, null)
            : JsonPath.TryTime(e, out var time) ? new Reading<DateTimeOffset>(time, path, null)
            : new Reading<DateTimeOffset>(Now, path, "must be an ISO 8601 date-time or Unix seconds.");
    }
}
