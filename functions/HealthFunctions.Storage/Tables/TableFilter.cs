using System.Globalization;

namespace HealthFunctions.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions with escaped literals, so no filter is ever assembled by
/// interpolating raw values. Property names must be identifiers; string values have quotes doubled.
/// </summary>
/// <example><c>TableFilter.And(TableFilter.Equal("PartitionKey", pk), TableFilter.GreaterThan("Score", 50))</c></example>
public static class TableFilter
{
    /// <summary><c>property eq value</c>.</summary>
    public static string Equal(string property, string value) => Compare(property, "eq", Literal(value));
    /// <summary><c>property eq value</c>.</summary>
    public static string Equal(string property, int value) => Compare(property, "eq", Literal(value));
    /// <summary><c>property eq value</c>.</summary>
    public static string Equal(string property, long value) => Compare(property, "eq", Literal(value));
    /// <summary><c>property eq value</c>.</summary>
    public static string Equal(string property, double value) => Compare(property, "eq", Literal(value));
    /// <summary><c>property eq value</c>.</summary>
    public static string Equal(string property, bool value) => Compare(property, "eq", Literal(value));
    /// <summary><c>property eq value</c>.</summary>
    public static string Equal(string property, DateTimeOffset value) => Compare(property, "eq", Literal(value));
    /// <summary><c>property eq value</c>.</summary>
    public static string Equal(string property, Guid value) => Compare(property, "eq", Literal(value));

    /// <summary><c>property ne value</c>.</summary>
    public static string NotEqual(string property, string value) => Compare(property, "ne", Literal(value));
    /// <summary><c>property ne value</c>.</summary>
    public static string NotEqual(string property, int value) => Compare(property, "ne", Literal(value));
    /// <summary><c>property ne value</c>.</summary>
    public static string NotEqual(string property, long value) => Compare(property, "ne", Literal(value));
    /// <summary><c>property ne value</c>.</summary>
    public static string NotEqual(string property, double value) => Compare(property, "ne", Literal(value));
    /// <summary><c>property ne value</c>.</summary>
    public static string NotEqual(string property, bool value) => Compare(property, "ne", Literal(value));
    /// <summary><c>property ne value</c>.</summary>
    public static string NotEqual(string property, DateTimeOffset value) => Compare(property, "ne", Literal(value));
    /// <summary><c>property ne value</c>.</summary>
    public static string NotEqual(string property, Guid value) => Compare(property, "ne", Literal(value));

    /// <summary><c>property gt value</c>.</summary>
    public static string GreaterThan(string property, string value) => Compare(property, "gt", Literal(value));
    /// <summary><c>property gt value</c>.</summary>
    public static string GreaterThan(string property, int value) => Compare(property, "gt", Literal(value));
    /// <summary><c>property gt value</c>.</summary>
    public static string GreaterThan(string property, long value) => Compare(property, "gt", Literal(value));
    /// <summary><c>property gt value</c>.</summary>
    public static string GreaterThan(string property, double value) => Compare(property, "gt", Literal(value));
    /// <summary><c>property gt value</c>.</summary>
    public static string GreaterThan(string property, DateTimeOffset value) => Compare(property, "gt", Literal(value));

    /// <summary><c>property ge value</c>.</summary>
    public static string GreaterThanOrEqual(string property, string value) => Compare(property, "ge", Literal(value));
    /// <summary><c>property ge value</c>.</summary>
    public static string GreaterThanOrEqual(string property, int value) => Compare(property, "ge", Literal(value));
    /// <summary><c>property ge value</c>.</summary>
    public static string GreaterThanOrEqual(string property, long value) => Compare(property, "ge", Literal(value));
    /// <summary><c>property ge value</c>.</summary>
    public static string GreaterThanOrEqual(string property, double value) => Compare(property, "ge", Literal(value));
    /// <summary><c>property ge value</c>.</summary>
    public static string GreaterThanOrEqual(string property, DateTimeOffset value) => Compare(property, "ge", Literal(value));

    /// <summary><c>property lt value</c>.</summary>
    public static string LessThan(string property, string value) => Compare(property, "lt", Literal(value));
    /// <summary><c>property lt value</c>.</summary>
    public static string LessThan(string property, int value) => Compare(property, "lt", Literal(value));
    /// <summary><c>property lt value</c>.</summary>
    public static string LessThan(string property, long value) => Compare(property, "lt", Literal(value));
    /// <summary><c>property lt value</c>.</summary>
    public static string LessThan(string property, double value) => Compare(property, "lt", Literal(value));
    /// <summary><c>property lt value</c>.</summary>
    public static string LessThan(string property, DateTimeOffset value) => Compare(property, "lt", Literal(value));

    /// <summary><c>property le value</c>.</summary>
    public static string LessThanOrEqual(string property, string value) => Compare(property, "le", Literal(value));
    /// <summary><c>property le value</c>.</summary>
    public static string LessThanOrEqual(string property, int value) => Compare(property, "le", Literal(value));
    /// <summary><c>property le value</c>.</summary>
    public static string LessThanOrEqual(string property, long value) => Compare(property, "le", Literal(value));
    /// <summary><c>property le value</c>.</summary>
    public static string LessThanOrEqual(string property, double value) => Compare(property, "le", Literal(value));
    /// <summary><c>property le value</c>.</summary>
    public static string LessThanOrEqual(string property, DateTimeOffset value) => Compare(property, "le", Literal(value));

    /// <summary>All of <paramref name="filters"/>, each parenthesised.</summary>
    public static string And(params string[] filters) => Join("and", filters);

    /// <summary>Any of <paramref name="filters"/>, each parenthesised.</summary>
    public static string Or(params string[] filters) => Join("or", filters);

    /// <summary>The negation of <paramref name="filter"/>.</summary>
    public static string Not(string filter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filter);
        return $"not ({filter})";
    }

    /// <summary>A quoted OData string literal with single quotes doubled.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    private static string Literal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Filters cannot compare with NaN or infinity.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".eE") >= 0 ? text : text + ".0";
    }

    private static string Literal(bool value) => value ? "true" : "false";

    private static string Literal(DateTimeOffset value) =>
        "datetime'" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'";

    private static string Literal(Guid value) => "guid'" + value.ToString("D") + "'";

    private static string Compare(string property, string op, string literal)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        foreach (var c in property)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"'{property}' is not a valid property name (letters, digits and '_' only).", nameof(property));
            }
        }

        return $"{property} {op} {literal}";
    }

    private static string Join(string op, string[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Length == 0 || filters.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"'{op}' needs at least one non-empty filter.", nameof(filters));
        }

        return filters.Length == 1 ? filters[0] : string.Join($" {op} ", filters.Select(f => "(" + f + ")"));
    }
}
