using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// Every account's list columns (profile, score, previous score, CSM inputs; no signal state, no explanation): what the
/// accounts list and the portfolio read. Reading 10,000 rows takes most of a second even locally, so the lines are kept
/// in memory for a few seconds (<see cref="ScanSnapshot{T}"/>, up to <see cref="MaxCached"/> accounts; a larger portfolio
/// is streamed every time), made stale by <see cref="Invalidate"/> (every write of this instance that changes a list
/// column: profiles, pulse and override, a rescore). So writes through this instance show at once, and other instances'
/// writes within <see cref="ScanSnapshot{T}.StaleAtMost"/>.
/// </summary>
public sealed class AccountDirectory
{
    /// <summary>Largest portfolio kept in memory (about 300 bytes an account).</summary>
    public const int MaxCached = 50_000;

    private static readonly string[] Columns =
        ["RowKey", "AccountId", "Name", "Segment", "LifecycleStage", "Owner", "Arr", "RenewalDate", "Score", "Tier", "PrevScore", "PrevTier", "Coverage", "ScoredDay", "Pulse", "Override"];

    private readonly TableClient _table;
    private readonly TimeProvider _clock;
    private readonly ScanSnapshot<AccountLine> _snapshot;
    private long _version;

    /// <summary>Creates the directory over the accounts table.</summary>
    public AccountDirectory(TableServiceClient tables, TableNames names, TimeProvider clock, ILogger<AccountDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        _table = tables.GetTableClient(names.Accounts);
        _clock = clock;
        _snapshot = new ScanSnapshot<AccountLine>(ScanAsync, () => Interlocked.Read(ref _version), MaxCached, clock, logger);
    }

    /// <summary>Marks the snapshot stale: the next read goes to storage first.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>Every account (from the snapshot when one is recent enough), in shard then id order.</summary>
    public IAsyncEnumerable<AccountLine> ReadAsync(CancellationToken cancellationToken) => _snapshot.ReadAsync(cancellationToken);

    /// <summary>Every account straight from storage, in pages of 1,000, in shard then id order.</summary>
    public async IAsyncEnumerable<AccountLine> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
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
