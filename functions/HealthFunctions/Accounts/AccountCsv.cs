using System.Globalization;
using System.Text;

namespace HealthFunctions.Accounts;

/// <summary>The accounts list as CSV (RFC 4180: comma-separated, CRLF, fields with commas, quotes or line breaks quoted).</summary>
public static class AccountCsv
{
    /// <summary>The header row's field names.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["accountId", "name", "segment", "lifecycleStage", "owner", "arr", "renewalDate", "score", "tier", "previousScore", "previousTier", "delta", "coverage", "scoredDay", "adjusted"];

    /// <summary>Writes the header and one row per account.</summary>
    public static string Write(IEnumerable<AccountLine> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var a in accounts)
        {
            string?[] fields =
            [
                a.AccountId, a.Name, a.Segment, a.LifecycleStage, a.Owner, Number(a.Arr), a.RenewalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Number(a.Score), a.Tier?.ToString(), Number(a.PreviousScore), a.PreviousTier?.ToString(), Number(a.Delta), Number(a.Coverage),
                a.ScoredDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Adjusted,
            ];
            sb.Append(string.Join(',', fields.Select(Field))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string? Number(double? v) => v?.ToString("R", CultureInfo.InvariantCulture);

    // Quotes a field that needs it; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula.
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
