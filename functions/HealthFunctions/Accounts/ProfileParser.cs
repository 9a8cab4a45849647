using System.Globalization;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;
using HealthFunctions.Storage;

namespace HealthFunctions.Accounts;

/// <summary>Reads <c>PUT /api/accounts/{id}</c> bodies, listing every invalid field.</summary>
public static class ProfileParser
{
    /// <summary>Parses and validates a profile.</summary>
    public static AccountProfileData Parse(ReadOnlyMemory<byte> body)
    {
        using var document = SignalParser.ParseJson(body, new JsonDocumentOptions { MaxDepth = 8 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException("$", "must be an object with name, segment, lifecycleStage, arr, renewalDate and owner.");
        }

        var errors = new List<FieldError>();
        var name = Text(root, "name", 200, errors);
        var segment = Text(root, "segment", 64, errors);
        var stage = Text(root, "lifecycleStage", 64, errors);
        var owner = Text(root, "owner", 200, errors);
        double? arr = null;
        if (root.TryGetProperty("arr", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            if (a.ValueKind != JsonValueKind.Number || !a.TryGetDouble(out var v) || !double.IsFinite(v) || v < 0)
            {
                errors.Add(new FieldError("arr", "must be a number of 0 or more."));
            }
            else
            {
                arr = v;
            }
        }

        DateOnly? renewal = null;
        if (root.TryGetProperty("renewalDate", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind != JsonValueKind.String ||
                !DateOnly.TryParseExact(r.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                errors.Add(new FieldError("renewalDate", "must be a date as yyyy-MM-dd."));
            }
            else
            {
                renewal = d;
            }
        }

        return errors.Count == 0 ? new AccountProfileData(name, segment, stage, arr, renewal, owner) : throw new RequestValidationException(errors);
    }

    private static string? Text(JsonElement root, string field, int max, List<FieldError> errors)
    {
        if (!root.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (p.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, "must be a string."));
            return null;
        }

        var s = p.GetString()!;
        if (s.Length > max)
        {
            errors.Add(new FieldError(field, $"must be at most {max} characters."));
            return null;
        }

        return s;
    }
}
