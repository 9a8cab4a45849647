using System.Runtime.CompilerServices;
using Azure;
using HealthFunctions.Ingestion;
using Azure.Data.Tables;

namespace HealthFunctions.Storage;

/// <summary>
/// Account rows: profiles, signal state, event markers and dirty markers, all in one table and one partition
/// per shard, so that a signal, its dedupe marker and the "rescore me" marker are written in one atomic
/// entity-group transaction, guarded by the account row's ETag.
/// </summary>
public sealed class AccountStore(TableServiceClient tables, TableNames names, TimeProvider clock, ConflictBackoff backoff)
{
    private const int MarkersPerTransaction = 98; // 100 operations less the account row and the dirty marker
    private const int MaxAttempts = 50;
    /// <summary>The filter that selects account rows (not event or dirty markers).</summary>
    public static readonly string AccountRowsFilter = RowKeyPrefix(AccountKeys.AccountPrefix);
    private static readonly string DirtyRowsFilter = RowKeyPrefix(AccountKeys.DirtyPrefix);
    private static readonly string[] RowKeyOnly = ["RowKey"];
    private static readonly string[] ScoreColumns = ["AccountId", "Name", "Segment", "Score", "Tier", "PrevScore"];

    private readonly TableClient _table = tables.GetTableClient(names.Accounts);
    private readonly KeyedGate _writers = new();

    /// <summary>Reads one account, or null.</summary>
    public async Task<AccountRecord?> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(AccountKeys.Shard(accountId), AccountKeys.AccountRow(accountId),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? AccountEntityMapper.FromEntity(entity.Value!) : null;
    }

    /// <summary>
    /// Stores one account's signals. Returns how many were new and how many were duplicates of signals
    /// already stored (same event id). Returns only after every new signal is durably written.
    /// </summary>
    public async Task<(int Accepted, int Duplicates)> ApplySignalsAsync(string accountId, IReadOnlyList<Signal> signals, CancellationToken cancellationToken)
    {
        var duplicates = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(Signal Signal, string? Marker)>(signals.Count);
        foreach (var s in signals)
        {
            var marker = s.EventId is null ? null : AccountKeys.EventRow(accountId, s.EventId);
            if (marker is not null && !seen.Add(marker))
            {
                duplicates++;
                continue;
            }

            pending.Add((s, marker));
        }

        var accepted = 0;
        var start = 0;
        using var turn = await _writers.EnterAsync(accountId, cancellationToken).ConfigureAwait(false);
        while (start < pending.Count)
        {
            var chunk = TakeChunk(pending, ref start);
            var (stored, dup) = await CommitChunkAsync(accountId, chunk, cancellationToken).ConfigureAwait(false);
            accepted += stored;
            duplicates += dup;
        }

        return (accepted, duplicates);
    }

    /// <summary>Sets an account's profile (replacing the previous profile, keeping its signals). True when the account was created.</summary>
    public Task<bool> PutProfileAsync(string accountId, AccountProfileData profile, CancellationToken cancellationToken) =>
        UpdateProfileAsync(accountId, _ => profile, cancellationToken);

    /// <summary>Changes an account's profile from its current one by a request of a person (PATCH); stamps ProfileUpdatedAt with now.</summary>
    public Task<bool> PatchProfileAsync(string accountId, Func<AccountProfileData, AccountProfileData> change, CancellationToken cancellationToken) =>
        UpdateProfileAsync(accountId, change, cancellationToken);

    /// <summary>
    /// Changes an account's profile from its current one (empty for a new account), under the row's ETag, so
    /// concurrent partial updates (two webhooks each setting some fields) never lose each other's fields. Stamps the
    /// profile with the time of the request. True when the account was created.
    /// </summary>
    public async Task<bool> UpdateProfileAsync(string accountId, Func<AccountProfileData, AccountProfileData> change, CancellationToken cancellationToken) =>
        await WriteProfileAsync(accountId, clock.GetUtcNow(), onlyIfNewer: false, change, cancellationToken).ConfigureAwait(false) == ProfileWrite.Created;

    /// <summary>
    /// Changes an account's profile as <see cref="UpdateProfileAsync"/> does, but only when <paramref name="updatedAt"/> (the
    /// source's time of the change) is newer than the stored profile's, so a late or replayed update never rolls it back.
    /// </summary>
    public Task<ProfileWrite> UpdateProfileIfNewerAsync(string accountId, DateTimeOffset updatedAt, Func<AccountProfileData, AccountProfileData> change,
        CancellationToken cancellationToken) => WriteProfileAsync(accountId, updatedAt, onlyIfNewer: true, change, cancellationToken);

    private async Task<ProfileWrite> WriteProfileAsync(string accountId, DateTimeOffset updatedAt, bool onlyIfNewer,
        Func<AccountProfileData, AccountProfileData> change, CancellationToken cancellationToken)
    {
        using var turn = await _writers.EnterAsync(accountId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await GetAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (onlyIfNewer && current?.ProfileUpdatedAt >= updatedAt)
            {
                return ProfileWrite.NotNewer;
            }

            var profile = change(current?.Profile ?? AccountProfileData.Empty);
            var entity = AccountEntityMapper.ToEntity(accountId, profile, current?.State.Decode() ?? new SignalState(),
                (current?.StateVersion ?? 0) + 1, current?.LastSignalAt, current?.Score, current?.Csm, updatedAt);
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    return ProfileWrite.Created;
                }

                await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return ProfileWrite.Updated;
            }
            catch (RequestFailedException e) when (IsConflict(e))
            {
                // Another instance's writer got there first: read again and retry.
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"Account '{accountId}' kept changing during {MaxAttempts} attempts to set its profile.");
    }

    /// <summary>
    /// Streams every account for scoring in pages of up to 1,000 rows (one request each; a page may be empty), in shard
    /// then id order. Only the columns scoring reads are fetched (<see cref="AccountScoringRow"/>), so a record's profile
    /// holds its segment and lifecycle stage alone; a row whose state spans several chunks is read again whole.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<AccountRecord>> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = _table.QueryAsync<AccountScoringRow>(AccountRowsFilter, 1000, AccountScoringRow.Columns, cancellationToken).AsPages();
        await foreach (var page in query.ConfigureAwait(false))
        {
            var records = new List<AccountRecord>(page.Values.Count);
            foreach (var row in page.Values)
            {
                if (row.StateChunks is null or <= 1)
                {
                    records.Add(AccountEntityMapper.FromScoringRow(row));
                }
                else if (await GetAsync(AccountKeys.AccountIdOf(row.RowKey), cancellationToken).ConfigureAwait(false) is { } whole)
                {
                    records.Add(whole);
                }
            }

            yield return records;
        }
    }

    /// <summary>Streams the score columns of every account (no signal state), for portfolio views.</summary>
    public async IAsyncEnumerable<AccountScoreLine> ScanScoresAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in _table.QueryAsync<TableEntity>(AccountRowsFilter, 1000, ScoreColumns, cancellationToken).ConfigureAwait(false))
        {
            yield return new AccountScoreLine(e.GetString("AccountId") ?? AccountKeys.AccountIdOf(e.RowKey), e.GetString("Name"),
                e.GetString("Segment"), e.GetDouble("Score"), Enum.TryParse<HealthScoring.HealthTier>(e.GetString("Tier"), out var t) ? t : null,
                e.GetDouble("PrevScore"));
        }
    }

    /// <summary>
    /// Merges score snapshots into one shard's account rows in batches of up to 100, each row only if it is unchanged
    /// since it was read (its ETag). Returns the requests made and the accounts whose row had changed: nothing was
    /// written for those, and the caller reads and scores them again.
    /// </summary>
    public async Task<(int Requests, IReadOnlyList<string> Changed)> WriteScoresAsync(
        IReadOnlyList<(string AccountId, ScoreSnapshot Score, ETag ETag)> scores, CancellationToken cancellationToken)
    {
        var requests = 0;
        var changed = new List<string>();
        foreach (var batch in scores.Chunk(100))
        {
            var pending = batch.ToList();
            while (pending.Count > 0)
            {
                var actions = pending.Select(s => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                    AccountEntityMapper.ToScoreEntity(s.AccountId, s.Score), s.ETag)).ToList();
                requests++;
                try
                {
                    await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && e.FailedTransactionActionIndex is { } index)
                {
                    // A transaction names only its first failure: set that row aside and submit the rest again.
                    changed.Add(pending[index].AccountId);
                    pending.RemoveAt(index);
                }
            }
        }

        return (requests, changed);
    }

    /// <summary>Streams the dirty markers: accounts with signals newer than their score.</summary>
    public async IAsyncEnumerable<(string AccountId, ETag ETag)> ScanDirtyAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(DirtyRowsFilter, 1000, RowKeyOnly, cancellationToken).ConfigureAwait(false))
        {
            yield return (AccountKeys.AccountIdOf(entity.RowKey), entity.ETag);
        }
    }

    /// <summary>Clears a dirty marker unless a newer signal re-marked it since it was read.</summary>
    public async Task ClearDirtyAsync(string accountId, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(AccountKeys.Shard(accountId), AccountKeys.DirtyRow(accountId), etag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Re-marked by a newer signal: the next pass rescores it again.
        }
    }

    /// <summary>Which of these event markers (one shard) exist: 14 to a query, so with the PartitionKey a filter stays within the service limit of 15 comparisons.</summary>
    private async Task<HashSet<string>> ExistingMarkersAsync(string shard, IEnumerable<string> markers, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in markers.Chunk(14))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard}") + " and ("
                + string.Join(" or ", group.Select(m => TableClient.CreateQueryFilter($"RowKey eq {m}"))) + ")";
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, RowKeyOnly, cancellationToken).ConfigureAwait(false))
            {
                found.Add(entity.RowKey);
            }
        }

        return found;
    }

    /// <summary>A filter for the row keys that start with <paramref name="prefix"/> (a two-character prefix ending in '|').</summary>
    private static string RowKeyPrefix(string prefix) =>
        TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");

    /// <summary>
    /// After a lost ETag race, a jittered wait before the next attempt, so that colliding writers spread out (in this
    /// process writers of one account already take turns at <see cref="KeyedGate"/>; this is for other instances).
    /// </summary>
    private Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        attempt + 1 < MaxAttempts ? backoff.WaitAsync(attempt, cancellationToken) : Task.CompletedTask;

    /// <summary>Another writer changed (412), created (409) or removed (404) the row since it was read.</summary>
    private static bool IsConflict(RequestFailedException e) => e.Status is 409 or 412 or 404;

    private static List<(Signal Signal, string? Marker)> TakeChunk(List<(Signal Signal, string? Marker)> pending, ref int start)
    {
        var chunk = new List<(Signal, string?)>();
        var markers = 0;
        while (start < pending.Count)
        {
            var item = pending[start];
            if (item.Marker is not null && markers == MarkersPerTransaction)
            {
                break;
            }

            markers += item.Marker is null ? 0 : 1;
            chunk.Add(item);
            start++;
        }

        return chunk;
    }

    private async Task<(int Accepted, int Duplicates)> CommitChunkAsync(string accountId, List<(Signal Signal, string? Marker)> chunk, CancellationToken cancellationToken)
    {
        var duplicates = 0;
        var current = await GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxAttempts && chunk.Count > 0; attempt++)
        {
            var now = clock.GetUtcNow();
            var state = current is null ? new SignalState() : current.State.Decode();
            var lastSignalAt = current?.LastSignalAt;
            foreach (var (signal, _) in chunk)
            {
                if (!state.CanAccept(signal.Metric))
                {
                    throw new Errors.RequestValidationException("metric",
                        $"account '{accountId}' already holds {SignalState.MaxMetrics} metrics; '{signal.Metric}' would be one more.");
                }

                state.Apply(signal.Metric, signal.Value, signal.Timestamp);
                lastSignalAt = lastSignalAt is null || signal.Timestamp > lastSignalAt ? signal.Timestamp : lastSignalAt;
            }

            state.Prune(DateOnly.FromDateTime(now.UtcDateTime).AddDays(-SignalState.RetentionDays));
            var entity = AccountEntityMapper.ToEntity(accountId, current?.Profile ?? AccountProfileData.Empty, state,
                (current?.StateVersion ?? 0) + 1, lastSignalAt, current?.Score, current?.Csm, current?.ProfileUpdatedAt);
            var shard = entity.PartitionKey;
            var actions = new List<TableTransactionAction>(chunk.Count + 2)
            {
                current is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.ETag),
                new(TableTransactionActionType.UpsertReplace, new TableEntity(shard, AccountKeys.DirtyRow(accountId)) { ["Since"] = now }),
            };
            var markerIndex = new List<int>(chunk.Count);
            for (var i = 0; i < chunk.Count; i++)
            {
                if (chunk[i].Marker is { } marker)
                {
                    markerIndex.Add(i);
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
                        new TableEntity(shard, marker) { ["At"] = now }.SetIfNotNull("Source", chunk[i].Signal.Source)));
                }
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return (chunk.Count, duplicates);
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is >= 2 && e.Status == 409)
            {
                // That event id was stored before. A failed transaction names only its first duplicate, and a
                // redelivered batch is often all duplicates: look up every marker of the chunk at once, drop the
                // signals already stored, and retry the rest (without spending an attempt on each duplicate).
                var existing = await ExistingMarkersAsync(shard, chunk.Select(c => c.Marker).OfType<string>(), cancellationToken).ConfigureAwait(false);
                existing.Add(chunk[markerIndex[e.FailedTransactionActionIndex.Value - 2]].Marker!);
                duplicates += chunk.RemoveAll(c => c.Marker is not null && existing.Contains(c.Marker));
                attempt--;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is 0 or null && e.Status is 409 or 412)
            {
                // Another instance's writer changed the row: read it again.
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
                current = await GetAsync(accountId, cancellationToken).ConfigureAwait(false);
            }
        }

        return chunk.Count == 0 ? (0, duplicates) : throw new TimeoutException($"Account '{accountId}' kept changing during {MaxAttempts} attempts to store signals.");
    }
}
