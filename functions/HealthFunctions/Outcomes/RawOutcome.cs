using System.Globalization;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;

namespace HealthFunctions.Outcomes;

/// <summary>An outcome's fields as text, from JSON or a CSV line, before validation; shape errors already found.</summary>
internal sealed record RawOutcome(string Where, string? AccountId, string? Date, string? Outcome, string? ArrBefore, string? ArrAfter, List<FieldError> Errors)
{
    public string Path(string field) => Where.Length == 0 ? field : $"{Where}.{field}";

    public static RawOutcome FromJson(JsonElement item, string where)
    {
        var errors = new List<FieldError>();
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(where.Length == 0 ? "$" : where, "must be an object."));
            return new RawOutcome(where, null, null, null, null, null, errors);
        }

        string P(string f) => where.Length == 0 ? f : $"{where}.{f}";
        return new RawOutcome(where, SignalParser.ReadString(item, "accountId", P, errors), SignalParser.ReadString(item, "date", P, errors),
            SignalParser.ReadString(item, "outcome", P, errors), Number(item, "arrBefore", P, errors), Number(item, "arrAfter", P, errors), errors);
    }

    public static RawOutcome FromCsv(CsvRecord record, IReadOnlyDictionary<string, int> columns, int width)
    {
        var where = $"line {record.Line}";
        var errors = new List<FieldError>();
        if (record.Fields.Count != width)
        {
            errors.Add(new FieldError(where, $"has {record.Fields.Count} fields; the header has {width}."));
        }

        string? Field(string name, bool required)
        {
            var value = columns.TryGetValue(name, out var i) && i < record.Fields.Count ? record.Fields[i].Trim() : null;
            if (required && string.IsNullOrEmpty(value))
            {
                errors.Add(new FieldError($"{where}.{name}", "is required."));
                return null;
            }

            return value;
        }

        return new RawOutcome(where, Field("accountId", true), Field("date", true), Field("outcome", true),
            Field("arrBefore", false), Field("arrAfter", false), errors);
    }

    private static string? Number(JsonElement item, string name, Func<string, string> path, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out var v))
        {
            errors.Add(new FieldError(path(name), "must be a number."));
            return null;
        }

        return v.ToString("R", CultureInfo.InvariantCulture);
    }
}
