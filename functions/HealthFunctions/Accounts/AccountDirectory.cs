using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// Streams every account's list columns (profile, score, previous score, CSM inputs; no signal state, no explanation)
/// in pages of 1,000: what the accounts list and the portfolio read.
/// </summary>
public sealed class AccountDirectory(TableServiceClient tables, TableNames names, TimeProvider clock)
{
    private static readonly string[] Columns =
        ["RowKey", "AccountId", "Name", "Segment", "LifecycleStage", "Owner", "Arr", "RenewalDate", "Score", "Tier", "PrevScore", "PrevTier", "Coverage", "ScoredDay", "Pulse", "Override"];

    private readonly TableClient _table = tables.GetTableClient(names.Accounts);

    /// <summary>Every account, in shard then id order.</summary>
    public async IAsyncEnumerable<AccountLine> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await foreach (var e in _table.QueryAsync<TableEntity>(AccountStore.AccountRowsFilter, 1000, Columns, cancellationToken).ConfigureAwait(false))
        {
            var score = e.GetDouble("Score");
            var previous = e.GetDouble("PrevScore");
            yield return new AccountLine(
                e.GetString("AccountId") ?? AccountKeys.AccountIdOf(e.RowKey),
                e.GetString("Name"),
                e.GetString("Segment"),
                e.GetString("LifecycleStage"),
                e.GetString("Owner"),
                e.GetDouble("Arr"),
                Day(e.GetString("RenewalDate")),
                score,
                Tier(e.GetString("Tier")),
                previous,
                Tier(e.GetString("PrevTier")),
                score is { } s && previous is { } p ? Math.Round(s - p, 1, MidpointRounding.AwayFromZero) : null,
                e.GetDouble("Coverage"),
                Day(e.GetString("ScoredDay")),
                Adjusted(e.GetString("Pulse"), e.GetString("Override"), today));
        }
    }

    private static string? Adjusted(string? pulse, string? manualOverride, DateOnly today)
    {
        if (string.IsNullOrEmpty(pulse) && string.IsNullOrEmpty(manualOverride))
        {
            return null;
        }

        var csm = AccountEntityMapper.ReadCsm(pulse, manualOverride);
        var kinds = new List<string>(2);
        if (csm.Override?.IsActiveOn(today) == true)
        {
            kinds.Add("override");
        }

        if (csm.Pulse?.IsActiveOn(today) == true)
        {
            kinds.Add("pulse");
        }

        return kinds.Count == 0 ? null : string.Join(',', kinds);
    }

    private static HealthTier? Tier(string? s) => Enum.TryParse<HealthTier>(s, out var t) ? t : null;

    private static DateOnly? Day(string? s) =>
        s is not null && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
