using System.Globalization;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Storage;

namespace HealthFunctions.Ingestion;

/// <summary>
/// Reads <c>POST /api/signals</c> bodies: one signal, an array, or <c>{"signals":[...]}</c>. All or nothing:
/// every invalid item is reported by index and nothing is returned when any is invalid.
/// </summary>
public static class SignalParser
{
    /// <summary>Signals one request may carry.</summary>
    public const int MaxSignalsPerRequest = 1000;

    /// <summary>Longest account id (Table keys allow 1 KiB; ids are also embedded in other keys).</summary>
    public const int MaxAccountIdLength = 200;

    private static readonly string MagnitudeRule = string.Create(CultureInfo.InvariantCulture,
        $"must be from {-SignalState.MaxMagnitude:0e0} to {SignalState.MaxMagnitude:0e0} (so that sums stay exact and finite).");

    /// <summary>The earliest time a signal (or a webhook's profile change) may carry.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses and validates a body; throws <see cref="RequestValidationException"/> listing every problem.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="now">The time a signal without a timestamp takes, and against which timestamps are checked.</param>
    /// <param name="window">How old a timestamp may be: the live window for an ordinary post, the retention for a backfill.</param>
    public static IReadOnlyList<Signal> Parse(ReadOnlyMemory<byte> body, DateTimeOffset now, SignalAgeLimit? window = null)
    {
        window ??= SignalAgeLimit.Live;
        using var document = ParseJson(body, DocumentOptions);
        var root = document.RootElement;
        JsonElement items;
        string prefix;
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                items = root;
                prefix = "";
                break;
            case JsonValueKind.Object when root.TryGetProperty("signals", out var signals):
                if (signals.ValueKind != JsonValueKind.Array)
                {
                    throw new RequestValidationException("signals", "must be an array of signals.");
                }

                items = signals;
                prefix = "signals";
                break;
            case JsonValueKind.Object:
                return [ParseOne(root, "", now, window, out var single) ?? throw new RequestValidationException(single)];
            default:
                throw new RequestValidationException("$", "must be a signal object, an array of signals, or {\"signals\":[...]}.");
        }

        var count = items.GetArrayLength();
        if (count == 0)
        {
            throw new RequestValidationException(prefix.Length == 0 ? "$" : prefix, "holds no signals.");
        }

        if (count > MaxSignalsPerRequest)
        {
            throw new RequestValidationException(prefix.Length == 0 ? "$" : prefix,
                $"holds {count} signals; at most {MaxSignalsPerRequest} per request.");
        }

        var result = new List<Signal>(count);
        var errors = new List<FieldError>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var signal = ParseOne(item, $"{prefix}[{index}]", now, window, out var itemErrors);
            if (signal is null)
            {
                errors.AddRange(itemErrors);
            }
            else
            {
                result.Add(signal);
            }

            index++;
        }

        return errors.Count == 0 ? result : throw new RequestValidationException(errors);
    }

    /// <summary>Parses a request body as JSON (see <see cref="JsonText.Parse"/>): every malformed body is a 400 naming where.</summary>
    public static JsonDocument ParseJson(ReadOnlyMemory<byte> body, JsonDocumentOptions options) => JsonText.Parse(body, options);

    /// <summary>An account id problem, or null when the id is usable as a key.</summary>
    public static string? AccountIdProblem(string? id) => id switch
    {
        null => "is required.",
        { Length: 0 } => "must not be empty.",
        { Length: > MaxAccountIdLength } => $"must be at most {MaxAccountIdLength} characters.",
        _ when string.IsNullOrWhiteSpace(id) => "must not be blank.",
        _ when !TableKeyRules.IsValid(id) => "must not contain '/', '\\', '#', '?' or control characters.",
        _ => null,
    };

    /// <summary>A signal value problem (not finite, or beyond <see cref="SignalState.MaxMagnitude"/>), or null when it can be stored.</summary>
    public static string? ValueProblem(double value) => value switch
    {
        _ when !double.IsFinite(value) => "must be a finite number or a boolean.",
        _ when Math.Abs(value) > SignalState.MaxMagnitude => MagnitudeRule,
        _ => null,
    };

    /// <summary>A signal timestamp problem (before 2000, over a day ahead, older than the live window), or null when it is usable.</summary>
    public static string? TimestampProblem(DateTimeOffset timestamp, DateTimeOffset now) => TimestampProblem(timestamp, now, SignalAgeLimit.Live);

    /// <summary>A signal timestamp problem (before 2000, over a day ahead, older than <paramref name="window"/> allows), or null when it is usable.</summary>
    public static string? TimestampProblem(DateTimeOffset timestamp, DateTimeOffset now, SignalAgeLimit window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return timestamp switch
        {
            _ when timestamp < Earliest => "is before 2000-01-01.",
            _ when timestamp > now.AddDays(1) => "is more than a day in the future.",
            _ when timestamp < now.AddDays(-window.Days) => window.Problem,
            _ => null,
        };
    }

    private static Signal? ParseOne(JsonElement item, string path, DateTimeOffset now, SignalAgeLimit window, out List<FieldError> errors)
    {
        errors = [];
        string P(string field) => path.Length == 0 ? field : $"{path}.{field}";
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path.Length == 0 ? "$" : path, "must be an object."));
            return null;
        }

        var accountId = ReadString(item, "accountId", P, errors);
        if (accountId is not null && AccountIdProblem(accountId) is { } accountProblem)
        {
            errors.Add(new FieldError(P("accountId"), accountProblem));
        }

        var metric = ReadString(item, "metric", P, errors);
        if (metric is not null && !MetricName.IsValid(metric))
        {
            errors.Add(new FieldError(P("metric"), MetricName.Rule));
        }

        double value = 0;
        if (!item.TryGetProperty("value", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(P("value"), "is required."));
        }
        else if (v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False)
        {
            value = v.ValueKind == JsonValueKind.True ? 1 : 0;
        }
        else if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out value) || ValueProblem(value) is not null)
        {
            errors.Add(new FieldError(P("value"), ValueProblem(value) ?? "must be a finite number or a boolean."));
        }

        var timestamp = now;
        var timestampGiven = false;
        if (item.TryGetProperty("timestamp", out var ts) && ts.ValueKind != JsonValueKind.Null)
        {
            timestampGiven = true;
            if (ts.ValueKind != JsonValueKind.String ||
                !DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp))
            {
                errors.Add(new FieldError(P("timestamp"), "must be an ISO 8601 date-time, e.g. 2026-11-23T09:30:00Z."));
            }
            else if (TimestampProblem(timestamp, now, window) is { } timestampProblem)
            {
                errors.Add(new FieldError(P("timestamp"), timestampProblem));
            }
        }

        var eventId = ReadString(item, "eventId", P, errors, required: false);
        if (eventId is { Length: 0 or > 256 })
        {
            errors.Add(new FieldError(P("eventId"), "must be 1-256 characters."));
        }

        var source = ReadString(item, "source", P, errors, required: false);
        if (source is { Length: > 64 })
        {
            errors.Add(new FieldError(P("source"), "must be at most 64 characters."));
        }

        if (errors.Count > 0)
        {
            return null;
        }

        eventId ??= timestampGiven
            ? string.Create(CultureInfo.InvariantCulture, $"auto:{metric}:{timestamp.UtcTicks}:{value:R}")
            : null;
        return new Signal(accountId!, metric!, value, timestamp, eventId, source);
    }

    /// <summary>A string property, or null; a missing required one or a non-string is added to <paramref name="errors"/>.</summary>
    public static string? ReadString(JsonElement item, string name, Func<string, string> path, List<FieldError> errors, bool required = true)
    {
        if (!item.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new FieldError(path(name), "is required."));
            }

            return null;
        }

        if (p.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(path(name), "must be a string."));
            return null;
        }

        return p.GetString();
    }
}
