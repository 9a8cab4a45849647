using System.Globalization;
using System.Text;

namespace HealthFunctions.Hosting;

/// <summary>
/// CSV as the app writes it (RFC 4180: comma-separated, CRLF, fields with commas, quotes or line breaks quoted), with a
/// leading <c>= + - @</c> of a text field prefixed by <c>'</c> so a spreadsheet never runs it as a formula. Every CSV
/// export (accounts, tasks, an account's metrics) goes through here.
/// </summary>
public static class CsvText
{
    /// <summary>The header and one line per row.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(Field))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>A number as CSV writes it (round-trip, invariant), or null.</summary>
    public static string? Number(double? v) => v?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A day as yyyy-MM-dd, or null.</summary>
    public static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An HTTP answer with the CSV as an attachment named <paramref name="fileName"/>.</summary>
    public static IResult Attachment(HttpRequest request, string fileName, string csv)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return Results.Text(csv, "text/csv; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>Whether the request asks for CSV: <c>format=csv</c>, or <c>Accept: text/csv</c> without a format.</summary>
    public static bool Wanted(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
            || (request.Query["format"].Count == 0 && request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));
    }

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '@' or '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
