using System.Globalization;
using HealthFunctions.Errors;
using Microsoft.Extensions.Primitives;

namespace HealthFunctions.Hosting;

/// <summary>
/// Reads the query string of a list endpoint (the accounts list, the tasks list): every problem is collected with the
/// parameter it names, so one 400 lists them all. The parts both lists share: unknown parameters, text filters
/// (exact, case-insensitive, "none" for unset), tiers, bounded numbers, choices, sort order, page and format.
/// </summary>
public sealed class ListQueryReader(IQueryCollection query, string listName, IReadOnlyList<string> known)
{
    /// <summary>Value of a text filter that selects items where the field is unset.</summary>
    public const string None = "none";

    /// <summary>The tiers a <c>tier</c> filter may name.</summary>
    public static readonly IReadOnlyList<string> TierNames = ["Red", "Yellow", "Green", "Unscored"];

    /// <summary>The problems found so far.</summary>
    public List<FieldError> Errors { get; } = [];

    /// <summary>Adds an error for every parameter that is not in the known list.</summary>
    public ListQueryReader RejectUnknown()
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var key in query.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)))
        {
            Errors.Add(new FieldError(key, $"is not a parameter of the {listName}; use {string.Join(", ", known)}."));
        }

        return this;
    }

    /// <summary>The last non-blank value of <paramref name="key"/>, trimmed; null when absent or blank.</summary>
    public string? Text(string key) =>
        query.TryGetValue(key, out StringValues v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1]!.Trim() : null;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null when absent.</summary>
    public int? Number(string key, int min, int max)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Errors.Add(new FieldError(key, $"must be a whole number from {min} to {max}."));
            return null;
        }

        return n;
    }

    /// <summary>Comma-separated values each one of <paramref name="allowed"/> (case-insensitive, written as allowed spells them), or null when absent.</summary>
    public IReadOnlySet<string>? Set(string key, IReadOnlyList<string> allowed, string what)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = allowed.FirstOrDefault(t => string.Equals(t, part, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                Errors.Add(new FieldError(key, $"'{part}' is not {what}; use {string.Join(", ", allowed)} (comma-separated)."));
            }
            else
            {
                set.Add(name);
            }
        }

        return set;
    }

    /// <summary>The <c>tier</c> filter: Red, Yellow, Green, Unscored, comma-separated.</summary>
    public IReadOnlySet<string>? Tiers() => Set("tier", TierNames, "a tier");

    /// <summary>One of <paramref name="allowed"/> (lower-cased), or <paramref name="fallback"/> when absent.</summary>
    public string Choice(string key, IReadOnlyList<string> allowed, string fallback)
    {
        var value = (Text(key) ?? fallback).ToLowerInvariant();
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            Errors.Add(new FieldError(key, $"must be one of {string.Join(", ", allowed)}."));
        }

        return value;
    }

    /// <summary>The <c>order</c>: true for descending, false for ascending, <paramref name="fallback"/> when absent.</summary>
    public bool Descending(bool fallback)
    {
        var order = Text("order")?.ToLowerInvariant();
        if (order is not (null or "asc" or "desc"))
        {
            Errors.Add(new FieldError("order", "must be asc or desc."));
        }

        return order is null ? fallback : order == "desc";
    }

    /// <summary>Checks <c>format</c>: json or csv.</summary>
    public void Format()
    {
        if (Text("format") is { } format && format is not ("json" or "csv"))
        {
            Errors.Add(new FieldError("format", "must be json or csv."));
        }
    }

    /// <summary>Throws the 400 when any problem was found.</summary>
    public void ThrowIfInvalid()
    {
        if (Errors.Count > 0)
        {
            throw new RequestValidationException(Errors);
        }
    }

    /// <summary>Whether a text filter passes a value: no filter, "none" for an unset value, else equal ignoring case.</summary>
    public static bool Same(string? filter, string? value) =>
        filter is null || (string.Equals(filter, None, StringComparison.OrdinalIgnoreCase) ? string.IsNullOrEmpty(value) : string.Equals(filter, value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Compares two optional values: missing last either way, present ones in <paramref name="descending"/> order.</summary>
    public static int Compare<T>(T? a, T? b, bool descending) where T : struct, IComparable<T> => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        ({ } p, { } q) => descending ? -p.CompareTo(q) : p.CompareTo(q),
    };
}
