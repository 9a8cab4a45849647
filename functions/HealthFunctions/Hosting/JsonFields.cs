using System.Globalization;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;

namespace HealthFunctions.Hosting;

/// <summary>
/// Reads a flat JSON object field by field for the write endpoints, collecting every problem as a <see cref="FieldError"/>
/// naming the field, so one 400 lists them all. Unknown fields are problems too. <see cref="Has"/> tells a field sent as
/// null (clear it) from one not sent (keep it), which a PATCH needs.
/// </summary>
public sealed class JsonFields : IDisposable
{
    private readonly JsonDocument _document;
    private readonly JsonElement _root;

    private JsonFields(JsonDocument document, IReadOnlyList<string> allowed, string shape)
    {
        _document = document;
        _root = document.RootElement;
        if (_root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new RequestValidationException("$", $"must be an object {shape}.");
        }

        foreach (var p in _root.EnumerateObject())
        {
            if (!allowed.Contains(p.Name, StringComparer.Ordinal))
            {
                Errors.Add(new FieldError(p.Name, $"is not a field here; the fields are {string.Join(", ", allowed)}."));
            }
        }
    }

    /// <summary>Problems found so far.</summary>
    public List<FieldError> Errors { get; } = [];

    /// <summary>Parses <paramref name="body"/> as an object that may hold only <paramref name="allowed"/> fields.</summary>
    public static JsonFields Read(ReadOnlyMemory<byte> body, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return new JsonFields(SignalParser.ParseJson(body, new JsonDocumentOptions { MaxDepth = 8 }), allowed, "with " + string.Join(", ", allowed));
    }

    /// <summary>Whether the field was sent (even as null).</summary>
    public bool Has(string field) => _root.TryGetProperty(field, out _);

    /// <summary>Whether the field was sent with a value other than null.</summary>
    public bool HasValue(string field) => _root.TryGetProperty(field, out var p) && p.ValueKind != JsonValueKind.Null;

    /// <summary>A string of 1 to <paramref name="max"/> characters (trimmed), or null when absent or null.</summary>
    public string? Text(string field, int max, bool required = false)
    {
        if (!_root.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return Missing<string>(field, required);
        }

        if (p.ValueKind != JsonValueKind.String)
        {
            return Fail<string>(field, "must be a string.");
        }

        var s = p.GetString()!.Trim();
        if (s.Length == 0)
        {
            return required ? Fail<string>(field, "must not be empty.") : null;
        }

        if (s.Length > max || s.Any(char.IsControl))
        {
            return Fail<string>(field, $"must be at most {max} characters, without control characters.");
        }

        return s;
    }

    /// <summary>
    /// An array of 1 to <paramref name="maxItems"/> distinct strings of 1 to <paramref name="maxLength"/> characters without
    /// control characters, or null (with a problem) when it is not; each bad item is named by its index.
    /// </summary>
    public IReadOnlyList<string>? TextList(string field, int maxItems, int maxLength)
    {
        if (!_root.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return Fail<IReadOnlyList<string>>(field, "is required.");
        }

        if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() is 0 || p.GetArrayLength() > maxItems)
        {
            return Fail<IReadOnlyList<string>>(field, $"must be an array of 1 to {maxItems} strings.");
        }

        var items = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        var i = 0;
        foreach (var item in p.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (text is null || text.Length is 0 || text.Length > maxLength || text.Any(char.IsControl))
            {
                Errors.Add(new FieldError($"{field}[{i}]", $"must be a string of 1 to {maxLength} characters, without control characters."));
                ok = false;
            }
            else if (!seen.Add(text))
            {
                Errors.Add(new FieldError($"{field}[{i}]", $"repeats '{text}'."));
                ok = false;
            }
            else
            {
                items.Add(text);
            }

            i++;
        }

        return ok ? items : null;
    }

    /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>, or null when absent or null.</summary>
    public double? Number(string field, double min, double max, bool required = false)
    {
        if (!_root.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return required ? Fail<double?>(field, "is required.") : null;
        }

        if (p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out var v) || !double.IsFinite(v) || v < min || v > max)
        {
            return Fail<double?>(field, $"must be a number from {Show(min)} to {Show(max)}.");
        }

        return v;
    }

    /// <summary>true or false, or null when absent or null.</summary>
    public bool? Bool(string field)
    {
        if (!_root.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return p.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.GetBoolean() : Fail<bool?>(field, "must be true or false.");
    }

    /// <summary>A date as yyyy-MM-dd from <paramref name="min"/> to <paramref name="max"/>, or null when absent or null.</summary>
    public DateOnly? Date(string field, DateOnly? min = null, DateOnly? max = null, bool required = false)
    {
        if (!_root.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return required ? Fail<DateOnly?>(field, "is required (a date as yyyy-MM-dd).") : null;
        }

        if (p.ValueKind != JsonValueKind.String || !DateOnly.TryParseExact(p.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return Fail<DateOnly?>(field, "must be a date as yyyy-MM-dd.");
        }

        if ((min is { } lo && d < lo) || (max is { } hi && d > hi))
        {
            return Fail<DateOnly?>(field, $"must be from {Day(min)} to {Day(max)}.");
        }

        return d;
    }

    /// <summary>Throws a <see cref="RequestValidationException"/> listing every problem, if any.</summary>
    public void ThrowIfInvalid()
    {
        if (Errors.Count > 0)
        {
            throw new RequestValidationException(Errors);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();

    private T? Missing<T>(string field, bool required) => required ? Fail<T>(field, "is required.") : default;

    private T? Fail<T>(string field, string message)
    {
        Errors.Add(new FieldError(field, message));
        return default;
    }

    private static string Show(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "any day";
}
