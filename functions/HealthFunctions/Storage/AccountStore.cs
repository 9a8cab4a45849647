using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using HealthFunctions.Ingestion;
using Azure.Data.Tables;

namespace HealthFunctions.Storage;

/// <summary>
/// Account rows: profiles, signal state, event markers and dirty markers, all in one table and one partition
/// per shard, so that a signal, its dedupe marker and the "rescore me" marker are written in one atomic
/// entity-group transaction, guarded by the account row's ETag. The account row holds the months of signal buckets
/// that scoring reads; older months (and live ones that did not fit) have month rows in the same partition, written in
/// the same transaction (<see cref="StateLayout"/>), so no row outgrows what the service stores.
/// </summary>
public sealed class AccountStore(TableServiceClient tables, TableNames names, TimeProvider clock, ConflictBackoff backoff, SignalRetention? retention = null)
{
    private const int MarkersPerTransaction = 98; // 100 operations less the account row and the dirty marker (fewer when month rows share it)
    private const int MaxAttempts = 50;
    /// <summary>The filter that selects account rows (not event or dirty markers).</summary>
    public static readonly string AccountRowsFilter = RowKeyPrefix(AccountKeys.AccountPrefix);
    private static readonly string DirtyRowsFilter = RowKeyPrefix(AccountKeys.DirtyPrefix);
    private static readonly string[] RowKeyOnly = ["RowKey"];
    private static readonly string[] ScoreColumns = ["AccountId", "Name", "Segment", "Score", "Tier", "PrevScore"];

    private readonly TableClient _table = tables.GetTableClient(names.Accounts);
    private readonly KeyedGate _writers = new();
    private readonly SignalRetention _retention = retention ?? SignalRetention.Default;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Reads one account, or null. Its <see cref="AccountRecord.State"/> holds every month scoring reads today (a live
    /// month kept in a month row, which only a very large account has, is read and merged in).
    /// </summary>
    public Task<AccountRecord?> GetAsync(string accountId, CancellationToken cancellationToken) =>
        ReadForScoringAsync(accountId, _retention.ScoringFrom(Today), cancellationToken);

    /// <summary>
    /// An account with every signal bucket it holds from <paramref name="from"/> on (its row and its month rows, read
    /// consistently), or null when the account does not exist. What backtests and calibration read.
    /// </summary>
    public async Task<AccountSignals?> ReadSignalsAsync(string accountId, DateOnly from, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await ReadRowAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var months = row.Paged.From(StateMonth.Of(from)).ToList();
            var pages = months.Count == 0 ? [] : await ReadMonthsAsync(row, months, cancellationToken).ConfigureAwait(false);
            if (pages is not null)
            {
                return new AccountSignals(row, SignalState.Merge(pages.Values.Select(p => p.Decode()).Prepend(row.State.Decode())));
            }
        }

        throw new TimeoutException($"Account '{accountId}' kept changing during {MaxAttempts} attempts to read its signals.");
    }

    /// <summary>
    /// Checks that <paramref name="signals"/> (one account's) fit its limits before anything is written, and returns the
    /// write to <see cref="CommitAsync"/>; <see cref="SignalWrite.Errors"/> lists what does not fit. A caller storing
    /// signals of several accounts prepares all of them first, so a refusal never follows a partial write.
    /// </summary>
    public async Task<SignalWrite> PrepareAsync(string accountId, IReadOnlyList<Signal> signals, CancellationToken cancellationToken)
    {
        var duplicates = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<PendingSignal>(signals.Count);
        foreach (var s in signals)
        {
            var marker = s.EventId is null ? null : AccountKeys.EventRow(accountId, s.EventId);
            if (marker is not null && !seen.Add(marker))
            {
                duplicates++;
                continue;
            }

            pending.Add(new PendingSignal(s, marker, StateMonth.Of(DateOnly.FromDateTime(s.Timestamp.UtcDateTime))));
        }

        var touched = pending.Select(p => p.Month).Distinct().ToList();
        var snapshot = await ReadForWriteAsync(accountId, touched, cancellationToken).ConfigureAwait(false);
        var errors = new List<Errors.FieldError>();
        var inline = snapshot.Row?.State.Decode() ?? new SignalState();
        var pages = snapshot.Months.ToDictionary(p => p.Key, p => p.Value.Decode());
        foreach (var month in pending.GroupBy(p => p.Month))
        {
            var target = pages.GetValueOrDefault(month.Key) ?? inline;
            var added = month.Select(p => p.Signal.Metric).Distinct(StringComparer.Ordinal).Where(m => !target.Has(m, month.Key)).ToList();
            var total = target.MetricsIn(month.Key) + added.Count;
            if (total > SignalState.MaxMetrics)
            {
                errors.Add(new Errors.FieldError("metric", string.Create(CultureInfo.InvariantCulture,
                    $"account '{accountId}' would hold {total} metrics in {month.Key}; the limit is {SignalState.MaxMetrics} metrics per account and month (new here: '{added[0]}'{(added.Count > 1 ? $" and {added.Count - 1} more" : "")}).")));
            }
        }

        return new SignalWrite(accountId, pending, duplicates, snapshot, errors);
    }

    /// <summary>
    /// Stores a prepared write (throws <see cref="Errors.RequestValidationException"/> if it had errors). Returns how many
    /// signals were new and how many were duplicates of signals already stored (same event id). Returns only after every
    /// new signal is durably written.
    /// </summary>
    public async Task<(int Accepted, int Duplicates)> CommitAsync(SignalWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Errors.Count > 0)
        {
            throw new Errors.RequestValidationException(write.Errors);
        }

        var accepted = 0;
        var duplicates = write.Duplicates;
        var pending = new List<PendingSignal>(write.Signals);
        var start = 0;
        using var turn = await _writers.EnterAsync(write.AccountId, cancellationToken).ConfigureAwait(false);
        WriteSnapshot? snapshot = write.Snapshot;
        while (start < pending.Count)
        {
            var chunk = TakeChunk(pending, ref start);
            var (stored, dup, deferred) = await CommitChunkAsync(write.AccountId, chunk, snapshot, cancellationToken).ConfigureAwait(false);
            snapshot = null; // the first chunk's write changed the row: later chunks read it again
            pending.InsertRange(start, deferred);
            accepted += stored;
            duplicates += dup;
        }

        return (accepted, duplicates);
    }

    /// <summary>
    /// Stores one account's signals, all or nothing as to its limits. Returns how many were new and how many were
    /// duplicates of signals already stored (same event id). Returns only after every new signal is durably written.
    /// </summary>
    public async Task<(int Accepted, int Duplicates)> ApplySignalsAsync(string accountId, IReadOnlyList<Signal> signals, CancellationToken cancellationToken)
    {
        var write = await PrepareAsync(accountId, signals, cancellationToken).ConfigureAwait(false);
        return await CommitAsync(write, cancellationToken).ConfigureAwait(false);
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
            var current = await ReadRowAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (onlyIfNewer && current?.ProfileUpdatedAt >= updatedAt)
            {
                return ProfileWrite.NotNewer;
            }

            var profile = change(current?.Profile ?? AccountProfileData.Empty);
            var entity = AccountEntityMapper.ToEntity(accountId, profile, current?.State.Decode() ?? new SignalState(),
                (current?.StateVersion ?? 0) + 1, current?.LastSignalAt, current?.Score, current?.Csm, updatedAt, current?.Paged,
                dwellResets: current?.DwellResets);
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    return ProfileWrite.Created;
                }

                if (profile.Segment == current.Profile.Segment && profile.LifecycleStage == current.Profile.LifecycleStage)
                {
                    await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return ProfileWrite.Updated;
                }

                // A new segment or lifecycle stage changes which weights score the account: mark it for the next dirty
                // pass (within a minute), in the same transaction, as new signals do.
                await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                        new TableEntity(entity.PartitionKey, AccountKeys.DirtyRow(accountId)) { ["Since"] = clock.GetUtcNow() }),
                ], cancellationToken).ConfigureAwait(false);
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
    /// Restarts the dwell clock of <paramref name="playbook"/> on <paramref name="day"/> for an account (a CSM closed a task of
    /// it): merges the <c>DwellResets</c> column under the row's ETag, leaving the score and state alone. Idempotent: a reset
    /// on that day or later is kept. False when the account does not exist.
    /// </summary>
    public async Task<bool> RestartDwellAsync(string accountId, string playbook, DateOnly day, CancellationToken cancellationToken)
    {
        using var turn = await _writers.EnterAsync(accountId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entity = await _table.GetEntityIfExistsAsync<TableEntity>(AccountKeys.Shard(accountId), AccountKeys.AccountRow(accountId),
                ["DwellResets"], cancellationToken).ConfigureAwait(false);
            if (!entity.HasValue)
            {
                return false;
            }

            var resets = new Dictionary<string, DateOnly>(AccountEntityMapper.DecodeResets(entity.Value!.GetString("DwellResets"))
                ?? new Dictionary<string, DateOnly>(), StringComparer.Ordinal);
            if (resets.TryGetValue(playbook, out var known) && known >= day)
            {
                return true;
            }

            resets[playbook] = day;
            var merge = new TableEntity(AccountKeys.Shard(accountId), AccountKeys.AccountRow(accountId))
            {
                ["DwellResets"] = AccountEntityMapper.EncodeResets(resets),
            };
            try
            {
                await _table.UpdateEntityAsync(merge, entity.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (IsConflict(e))
            {
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"Account '{accountId}' kept changing during {MaxAttempts} attempts to restart its dwell clock.");
    }

    /// <summary>
    /// Streams every account for scoring today in pages of up to 1,000 rows (one request each; a page may be empty), in
    /// shard then id order. Only the columns scoring reads are fetched (<see cref="AccountScoringRow"/>), so a record's
    /// profile holds its segment and lifecycle stage alone; a row whose state spans several chunks is read again whole,
    /// and one with a month row that scoring reads has it merged in.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<AccountRecord>> ScanAsync(CancellationToken cancellationToken) =>
        ScanAsync(Today, cancellationToken);

    /// <summary>
    /// Streams every account for scoring on <paramref name="day"/> (a backfill of a past day, too), with every bucket that
    /// scoring reads then (see <see cref="ScanAsync(CancellationToken)"/>).
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<AccountRecord>> ScanAsync(DateOnly day, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = _retention.ScoringFrom(day);
        var firstMonth = StateMonth.Of(from);
        var query = _table.QueryAsync<AccountScoringRow>(AccountRowsFilter, 1000, AccountScoringRow.Columns, cancellationToken).AsPages();
        await foreach (var page in query.ConfigureAwait(false))
        {
            var records = new List<AccountRecord>(page.Values.Count);
            foreach (var row in page.Values)
            {
                if (row.StateChunks is null or <= 1 && !PagedMonths.Decode(row.Paged).From(firstMonth).Any())
                {
                    records.Add(AccountEntityMapper.FromScoringRow(row));
                }
                else if (await ReadForScoringAsync(AccountKeys.AccountIdOf(row.RowKey), from, cancellationToken).ConfigureAwait(false) is { } whole)
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

    /// <summary>The account row as stored (its own months only), or null.</summary>
    private async Task<AccountRecord?> ReadRowAsync(string accountId, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(AccountKeys.Shard(accountId), AccountKeys.AccountRow(accountId),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? AccountEntityMapper.FromEntity(entity.Value!) : null;
    }

    /// <summary>The account row with the month rows from <paramref name="from"/> on merged into its state (read consistently), or null.</summary>
    private async Task<AccountRecord?> ReadForScoringAsync(string accountId, DateOnly from, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await ReadRowAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (row is null || !row.Paged.From(StateMonth.Of(from)).Any())
            {
                return row;
            }

            if (await WithMonthsAsync(row, from, cancellationToken).ConfigureAwait(false) is { } merged)
            {
                return merged;
            }
        }

        throw new TimeoutException($"Account '{accountId}' kept changing during {MaxAttempts} attempts to read it.");
    }

    /// <summary>The row with the month rows from <paramref name="from"/> on merged into its state; null when a month row was of another version (read again).</summary>
    private async Task<AccountRecord?> WithMonthsAsync(AccountRecord row, DateOnly from, CancellationToken cancellationToken)
    {
        var pages = await ReadMonthsAsync(row, row.Paged.From(StateMonth.Of(from)).ToList(), cancellationToken).ConfigureAwait(false);
        return pages is null ? null : row with
        {
            State = new StoredSignalState(SignalStateCodec.Encode(SignalState.Merge(pages.Values.Select(p => p.Decode()).Prepend(row.State.Decode())))),
        };
    }

    /// <summary>
    /// The month rows <paramref name="months"/> of <paramref name="row"/>'s account, read by their keys (eight at a time); null
    /// when one is missing or of another version than the row lists (a writer changed the account since the row was read).
    /// Point reads, not a range query: the keys are known, each read costs the same whatever the table holds, and no other
    /// account's rows can be met.
    /// </summary>
    private async Task<Dictionary<StateMonth, StoredSignalState>?> ReadMonthsAsync(AccountRecord row, IReadOnlyList<StateMonth> months, CancellationToken cancellationToken)
    {
        var found = new Dictionary<StateMonth, StoredSignalState>();
        var shard = AccountKeys.Shard(row.AccountId);
        foreach (var group in months.Chunk(8))
        {
            var reads = await Task.WhenAll(group.Select(m => _table.GetEntityIfExistsAsync<TableEntity>(shard, AccountKeys.MonthRow(row.AccountId, m),
                cancellationToken: cancellationToken))).ConfigureAwait(false);
            foreach (var read in reads)
            {
                if (!read.HasValue)
                {
                    return null;
                }

                var (month, version, state) = AccountEntityMapper.FromMonthEntity(read.Value!);
                if (version != row.Paged.VersionOf(month))
                {
                    return null;
                }

                found[month] = state;
            }
        }

        return found;
    }

    /// <summary>The account row and the month rows of <paramref name="months"/> it keeps apart, read consistently.</summary>
    private async Task<WriteSnapshot> ReadForWriteAsync(string accountId, IReadOnlyCollection<StateMonth> months, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await ReadRowAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return new WriteSnapshot(null, new Dictionary<StateMonth, StoredSignalState>());
            }

            var paged = months.Where(row.Paged.Contains).ToList();
            if (await ReadMonthsAsync(row, paged, cancellationToken).ConfigureAwait(false) is { } pages)
            {
                return new WriteSnapshot(row, pages);
            }
        }

        throw new TimeoutException($"Account '{accountId}' kept changing during {MaxAttempts} attempts to read it.");
    }

    /// <summary>The next signals to write together: at most 98 event markers and <see cref="StateLayout.MonthsPerWrite"/> months.</summary>
    private static List<PendingSignal> TakeChunk(List<PendingSignal> pending, ref int start)
    {
        var chunk = new List<PendingSignal>();
        var markers = 0;
        var months = new HashSet<StateMonth>();
        while (start < pending.Count)
        {
            var item = pending[start];
            if ((item.Marker is not null && markers == MarkersPerTransaction)
                || (!months.Contains(item.Month) && months.Count == StateLayout.MonthsPerWrite))
            {
                break;
            }

            markers += item.Marker is null ? 0 : 1;
            months.Add(item.Month);
            chunk.Add(item);
            start++;
        }

        return chunk;
    }

    /// <summary>
    /// Writes one chunk in one transaction: the account row, the month rows it changes, moves out or deletes, the dirty
    /// marker and the chunk's event markers. When these are more than a transaction holds, the chunk's last signals are
    /// left for the next transaction (returned as <c>Deferred</c>).
    /// </summary>
    private async Task<(int Accepted, int Duplicates, List<PendingSignal> Deferred)> CommitChunkAsync(
        string accountId, List<PendingSignal> chunk, WriteSnapshot? snapshot, CancellationToken cancellationToken)
    {
        var duplicates = 0;
        var deferred = new List<PendingSignal>();
        var current = snapshot ?? await ReadForWriteAsync(accountId, chunk.Select(c => c.Month).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxAttempts && chunk.Count > 0; attempt++)
        {
            var now = clock.GetUtcNow();
            var plan = Plan(accountId, current, chunk, now);
            var room = 100 - 2 - plan.MonthActions.Count;
            var markers = chunk.Count(c => c.Marker is not null);
            if (markers > room)
            {
                // Month rows take room that event markers had: leave the last signals for the next transaction.
                var keep = 0;
                for (var seen = 0; keep < chunk.Count && (chunk[keep].Marker is null || seen < room); keep++)
                {
                    seen += chunk[keep].Marker is null ? 0 : 1;
                }

                deferred.InsertRange(0, chunk.Skip(keep));
                chunk.RemoveRange(keep, chunk.Count - keep);
                attempt--;
                continue;
            }

            var shard = AccountKeys.Shard(accountId);
            var actions = new List<TableTransactionAction>(chunk.Count + plan.MonthActions.Count + 2)
            {
                current.Row is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, plan.Account)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, plan.Account, current.Row.ETag),
                new(TableTransactionActionType.UpsertReplace, new TableEntity(shard, AccountKeys.DirtyRow(accountId)) { ["Since"] = now }),
            };
            actions.AddRange(plan.MonthActions);
            var markerStart = actions.Count;
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
                return (chunk.Count, duplicates, deferred);
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex >= markerStart && e.Status == 409)
            {
                // That event id was stored before. A failed transaction names only its first duplicate, and a
                // redelivered batch is often all duplicates: look up every marker of the chunk at once, drop the
                // signals already stored, and retry the rest (without spending an attempt on each duplicate).
                var existing = await ExistingMarkersAsync(shard, chunk.Select(c => c.Marker).OfType<string>(), cancellationToken).ConfigureAwait(false);
                existing.Add(chunk[markerIndex[e.FailedTransactionActionIndex!.Value - markerStart]].Marker!);
                duplicates += chunk.RemoveAll(c => c.Marker is not null && existing.Contains(c.Marker));
                attempt--;
            }
            catch (TableTransactionFailedException e) when ((e.FailedTransactionActionIndex is null || e.FailedTransactionActionIndex < markerStart)
                && e.Status is 409 or 412 or 404)
            {
                // Another writer changed the account (or one of its month rows) since it was read: back off (another
                // instance's writer; in this process writers take turns), read again and retry.
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
                current = await ReadForWriteAsync(accountId, chunk.Select(c => c.Month).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
            }
        }

        return chunk.Count == 0
            ? (0, duplicates, deferred)
            : throw new TimeoutException($"Account '{accountId}' kept changing during {MaxAttempts} attempts to store signals.");
    }

    /// <summary>
    /// The rows one chunk's write leaves: the chunk's signals applied to the account row's months or to their month rows,
    /// buckets past retention dropped, the account row's months placed by <see cref="StateLayout.Place(SignalState, StateMonth, int)"/>, and month rows
    /// written (changed or moved out) or deleted (past retention, a few a write).
    /// </summary>
    private WritePlan Plan(string accountId, WriteSnapshot current, List<PendingSignal> chunk, DateTimeOffset now)
    {
        var row = current.Row;
        var version = (row?.StateVersion ?? 0) + 1;
        var inline = row?.State.Decode() ?? new SignalState();
        var paged = row?.Paged ?? PagedMonths.None;
        var pages = new Dictionary<StateMonth, SignalState>();
        var lastSignalAt = row?.LastSignalAt;
        foreach (var (signal, _, month) in chunk)
        {
            SignalState target;
            if (paged.Contains(month))
            {
                if (!pages.TryGetValue(month, out var page))
                {
                    page = current.Months[month].Decode();
                    pages.Add(month, page);
                }

                target = page;
            }
            else
            {
                target = inline;
            }

            if (!target.Has(signal.Metric, month) && target.MetricsIn(month) >= SignalState.MaxMetrics)
            {
                // PrepareAsync checked the whole request; only a concurrent writer can bring this about.
                throw new TimeoutException(
                    $"Account '{accountId}' reached {SignalState.MaxMetrics} metrics in {month} through a concurrent write; the signals before this one are stored.");
            }

            target.Apply(signal.Metric, signal.Value, signal.Timestamp);
            lastSignalAt = lastSignalAt is null || signal.Timestamp > lastSignalAt ? signal.Timestamp : lastSignalAt;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var oldest = _retention.OldestKept(today);
        inline.Prune(oldest);
        foreach (var page in pages.Values)
        {
            page.Prune(oldest);
        }

        var (kept, keptBytes, moved) = StateLayout.Place(inline, StateMonth.Of(_retention.ScoringFrom(today)));
        var expired = paged.Months.Where(m => m.Last < oldest && !pages.ContainsKey(m)).Take(StateLayout.DeletesPerWrite)
            .Concat(pages.Where(p => p.Value.IsEmpty).Select(p => p.Key)).ToList();
        var written = pages.Where(p => !p.Value.IsEmpty).Concat(moved).ToList();
        var shard = AccountKeys.Shard(accountId);
        var monthActions = written
            .Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, AccountEntityMapper.ToMonthEntity(accountId, p.Key, p.Value, version)))
            .Concat(expired.Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(shard, AccountKeys.MonthRow(accountId, m)), ETag.All)))
            .ToList();
        var account = AccountEntityMapper.ToEntity(accountId, row?.Profile ?? AccountProfileData.Empty, kept, version, lastSignalAt, row?.Score,
            row?.Csm, row?.ProfileUpdatedAt, paged.With(written.Select(p => p.Key), version, expired), keptBytes, row?.DwellResets);
        return new WritePlan(account, monthActions);
    }

    private sealed record WritePlan(TableEntity Account, List<TableTransactionAction> MonthActions);
}

/// <summary>One signal on its way into the store: its event marker's row key (if any) and the month its bucket falls in.</summary>
public sealed record PendingSignal(Signal Signal, string? Marker, StateMonth Month);

/// <summary>An account row and the month rows a write touches, as read together (the row's ETag guards the write).</summary>
public sealed record WriteSnapshot(AccountRecord? Row, IReadOnlyDictionary<StateMonth, StoredSignalState> Months);

/// <summary>One account's signals checked against its limits by <see cref="AccountStore.PrepareAsync"/>, ready to commit.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Signals">The signals to store, repeats within the request removed.</param>
/// <param name="Duplicates">Repeats within the request.</param>
/// <param name="Snapshot">The rows as read when checking (the first write tries with them).</param>
/// <param name="Errors">What does not fit; empty when the write may go ahead.</param>
public sealed record SignalWrite(string AccountId, IReadOnlyList<PendingSignal> Signals, int Duplicates, WriteSnapshot Snapshot, IReadOnlyList<Errors.FieldError> Errors);

/// <summary>An account with every signal bucket it holds from some day on (its row's months and its month rows').</summary>
public sealed record AccountSignals(AccountRecord Account, SignalState State);
