using HealthFunctions.Hosting;

namespace HealthFunctions.Accounts;

/// <summary>The accounts list as CSV (<see cref="CsvText"/>).</summary>
public static class AccountCsv
{
    /// <summary>The header row's field names.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["accountId", "name", "segment", "lifecycleStage", "owner", "arr", "renewalDate", "score", "tier", "previousScore", "previousTier", "delta", "coverage", "scoredDay", "adjusted"];

    /// <summary>Writes the header and one row per account.</summary>
    public static string Write(IEnumerable<AccountLine> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return CsvText.Write(Header, accounts.Select(a => new[]
        {
            a.AccountId, a.Name, a.Segment, a.LifecycleStage, a.Owner, CsvText.Number(a.Arr), CsvText.Day(a.RenewalDate),
            CsvText.Number(a.Score), a.Tier?.ToString(), CsvText.Number(a.PreviousScore), a.PreviousTier?.ToString(), CsvText.Number(a.Delta),
            CsvText.Number(a.Coverage), CsvText.Day(a.ScoredDay), a.Adjusted,
        }));
    }
}
