using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;
using HealthScoring;
using HealthScoring.Calibration;

namespace HealthFunctions.Outcomes;

/// <summary>
/// Reads <c>POST /api/outcomes</c> bodies: JSON (one outcome, an array, or <c>{"outcomes":[...]}</c>) or
/// <c>text/csv</c> with a header row (accountId,date,outcome,arrBefore,arrAfter; the last two optional, any
/// order). All or nothing: every invalid item is reported (JSON by index, CSV by line) and nothing is returned.
/// </summary>
public static class OutcomeParser
{
    /// <summary>Outcomes one request may carry.</summary>
    public const int MaxOutcomesPerRequest = 5000;

    private static readonly string[] Required = ["accountId", "date", "outcome"];
    private static readonly string[] Optional = ["arrBefore", "arrAfter"];
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses a body by its content type; <paramref name="today"/> bounds the dates.</summary>
    public static IReadOnlyList<RenewalOutcome> Parse(ReadOnlyMemory<byte> body, string? contentType, DateOnly today)
    {
        var isCsv = contentType is not null && contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);
        var raw = isCsv ? ReadCsv(body) : ReadJson(body);
        if (raw.Count == 0)
        {
            throw new RequestValidationException("$", "holds no outcomes.");
        }

        if (raw.Count > MaxOutcomesPerRequest)
        {
            throw new RequestValidationException("$", $"holds {raw.Count} outcomes; at most {MaxOutcomesPerRequest} per request.");
        }

        var errors = new List<FieldError>();
        var result = new List<RenewalOutcome>(raw.Count);
        foreach (var item in raw)
        {
            var outcome = Validate(item, today, errors);
            if (outcome is not null)
            {
                result.Add(outcome);
            }
        }

        return errors.Count == 0 ? result : throw new RequestValidationException(errors);
    }

    private static RenewalOutcome? Validate(RawOutcome item, DateOnly today, List<FieldError> errors)
    {
        var before = errors.Count;
        errors.AddRange(item.Errors);
        if (item.AccountId is not null && SignalParser.AccountIdProblem(item.AccountId) is { } problem)
        {
            errors.Add(new FieldError(item.Path("accountId"), problem));
        }

        DateOnly date = default;
        if (item.Date is not null)
        {
            if (!TryDate(item.Date, out date))
            {
                errors.Add(new FieldError(item.Path("date"), "must be a date as yyyy-MM-dd (or an ISO 8601 date-time)."));
            }
            else if (date.Year < 2000)
            {
                errors.Add(new FieldError(item.Path("date"), "is before 2000-01-01."));
            }
            else if (date > today.AddDays(1))
            {
                errors.Add(new FieldError(item.Path("date"), "is in the future; post outcomes once they happen."));
            }
        }

        OutcomeKind kind = default;
        if (item.Outcome is not null && !EnumText.TryParse(item.Outcome, out kind))
        {
            errors.Add(new FieldError(item.Path("outcome"), "must be one of renewed, churned, contracted, expanded."));
        }

        var arrBefore = Money(item.ArrBefore, item.Path("arrBefore"), errors);
        var arrAfter = Money(item.ArrAfter, item.Path("arrAfter"), errors);
        return errors.Count > before ? null : new RenewalOutcome(item.AccountId!, date, kind, arrBefore, arrAfter);
    }

    private static double? Money(string? text, string path, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
        {
            errors.Add(new FieldError(path, "must be a non-negative number."));
            return null;
        }

        return v;
    }

    private static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            date = DateOnly.FromDateTime(at.UtcDateTime);
            return true;
        }

        return false;
    }

    private static List<RawOutcome> ReadJson(ReadOnlyMemory<byte> body)
    {
        using var document = SignalParser.ParseJson(body, DocumentOptions);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                return root.EnumerateArray().Select((e, i) => RawOutcome.FromJson(e, $"[{i}]")).ToList();
            case JsonValueKind.Object when root.TryGetProperty("outcomes", out var items):
                if (items.ValueKind != JsonValueKind.Array)
                {
                    throw new RequestValidationException("outcomes", "must be an array of outcomes.");
                }

                return items.EnumerateArray().Select((e, i) => RawOutcome.FromJson(e, $"outcomes[{i}]")).ToList();
            case JsonValueKind.Object:
                return [RawOutcome.FromJson(root, "")];
            default:
                throw new RequestValidationException("$", "must be an outcome object, an array of outcomes, or {\"outcomes\":[...]}.");
        }
    }

    private static List<RawOutcome> ReadCsv(ReadOnlyMemory<byte> body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException("$", "the CSV is not valid UTF-8.");
        }

        var records = CsvTable.Read(text);
        if (records.Count == 0)
        {
            throw new RequestValidationException("line 1", "a header row is required: accountId,date,outcome,arrBefore,arrAfter.");
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerErrors = new List<FieldError>();
        for (var i = 0; i < header.Count; i++)
        {
            var known = Required.Concat(Optional).FirstOrDefault(n => n.Equals(header[i], StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                headerErrors.Add(new FieldError($"line 1.{header[i]}", "is not a known column (accountId, date, outcome, arrBefore, arrAfter)."));
            }
            else if (!columns.TryAdd(known, i))
            {
                headerErrors.Add(new FieldError($"line 1.{header[i]}", "appears twice."));
            }
        }

        headerErrors.AddRange(Required.Where(r => !columns.ContainsKey(r)).Select(r => new FieldError($"line 1.{r}", "column is required in the header row.")));
        if (headerErrors.Count > 0)
        {
            throw new RequestValidationException(headerErrors);
        }

        return records.Skip(1).Select(r => RawOutcome.FromCsv(r, columns, header.Count)).ToList();
    }
}
