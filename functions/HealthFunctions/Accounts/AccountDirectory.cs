using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// Every account's list columns (profile, score, previous score, CSM inputs; no signal state, no explanation): what the
/// accounts list and the portfolio read. Reading 10,000 rows takes most of a second even locally, so the lines are kept
/// in memory for a few seconds (up to <see cref="MaxCached"/> accounts; a larger portfolio is streamed every time):
/// a snapshot younger than <see cref="FreshFor"/> is served as is; one younger than <see cref="StaleAtMost"/> is served
/// while a single background read replaces it; an older one, or one made stale by <see cref="Invalidate"/> (every write
/// of this instance that changes a list column: profiles, pulse and override, a rescore), is read again first. So writes
/// through this instance show at once, and other instances' writes within <see cref="StaleAtMost"/>.
/// </summary>
public sealed partial class AccountDirectory(TableServiceClient tables, TableNames names, TimeProvider clock, ILogger<AccountDirectory> logger)
{
    /// <summary>Age up to which a snapshot is served without a read.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    /// <summary>Age up to which a snapshot is served while a background read replaces it.</summary>
    public static readonly TimeSpan StaleAtMost = TimeSpan.FromSeconds(60);

    /// <summary>Largest portfolio kept in memory (about 300 bytes an account).</summary>
    public const int MaxCached = 50_000;

    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private Task<Snapshot?>? _reading;
    private long _readingVersion = -1;
    private long _version;

    private static readonly string[] Columns =
        ["RowKey", "AccountId", "Name", "Segment", "LifecycleStage", "Owner", "Arr", "RenewalDate", "Score", "Tier", "PrevScore", "PrevTier", "Coverage", "ScoredDay", "Pulse", "Override"];

    private readonly TableClient _table = tables.GetTableClient(names.Accounts);

    /// <summary>Marks the snapshot stale: the next read goes to storage first.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>Every account (from the snapshot when one is recent enough), in shard then id order.</summary>
    public async IAsyncEnumerable<AccountLine> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var version = Interlocked.Read(ref _version);
        var snapshot = Volatile.Read(ref _snapshot);
        var usable = snapshot is not null && snapshot.Version == version && now - snapshot.ReadAt < StaleAtMost && now >= snapshot.ReadAt;
        if (!usable || now - snapshot!.ReadAt >= FreshFor)
        {
            var reading = StartReading(version);
            snapshot = usable ? snapshot : await reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (snapshot is null)
        {
            // Too many accounts to keep: stream them.
            await foreach (var line in ScanAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }

            yield break;
        }

        foreach (var line in snapshot.Lines)
        {
            yield return line;
        }
    }

    // One read at a time per version; a caller that finds one under way for its version waits for it (a read begun
    // before an Invalidate does not count for later callers).
    private Task<Snapshot?> StartReading(long version)
    {
        lock (_gate)
        {
            if (_reading is { IsCompleted: false } running && _readingVersion >= version)
            {
                return running;
            }

            _readingVersion = version;
            _reading = Task.Run(async () =>
            {
                var readAt = clock.GetUtcNow();
                var lines = new List<AccountLine>();
                try
                {
                    await foreach (var line in ScanAsync(CancellationToken.None).ConfigureAwait(false))
                    {
                        if (lines.Count == MaxCached)
                        {
                            return null;
                        }

                        lines.Add(line);
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or IOException or HttpRequestException)
                {
                    LogReadFailed(logger, e);
                    throw;
                }

                var snapshot = new Snapshot(lines, readAt, version);
                lock (_gate)
                {
                    if (_snapshot is null || _snapshot.Version <= version)
                    {
                        _snapshot = snapshot;
                    }
                }

                return snapshot;
            });
            return _reading;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the accounts list failed")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    private sealed record Snapshot(IReadOnlyList<AccountLine> Lines, DateTimeOffset ReadAt, long Version);

    /// <summary>Every account straight from storage, in pages of 1,000, in shard then id order.</summary>
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
