using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using HealthFunctions.Ingestion;
using HealthFunctions.Rescoring;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using HealthScoring;
using Xunit;

namespace HealthFunctions.Tests.Storage;

/// <summary>The account store on the Tables SDK against Azurite: ETags, transactions, markers, paging.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AccountStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private StorageSpace _space = null!;
    private AccountStore _store = null!;

    public async Task InitializeAsync()
    {
        _space = await StorageSpace.CreateAsync(azurite);
        _store = new AccountStore(_space.Tables, _space.Names, new ManualClock(Now), new ConflictBackoff());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private TableClient Accounts => _space.Tables.GetTableClient(_space.Names.Accounts);

    private static Signal Logins(string accountId, int minute, string? eventId) =>
        new(accountId, "logins", 1, Now.AddMinutes(-minute), eventId, "test");

    private static double LoginCount(AccountRecord account) => account.State.Decode().Buckets("logins").Sum(b => b.Count);

    [Fact]
    public async Task ConcurrentSignalWriters_OnOneAccount_InOneProcess_TakeTurns_AndKeepEverySignal()
    {
        const int writers = 8, postsEach = 5;

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var accepted = 0;
            for (var i = 0; i < postsEach; i++)
            {
                accepted += (await _store.ApplySignalsAsync("busy", [Logins("busy", i, $"w{w}-{i}")], CancellationToken.None)).Accepted;
            }

            return accepted;
        })));

        var account = await _store.GetAsync("busy", CancellationToken.None);
        Assert.Equal(writers * postsEach, results.Sum());
        Assert.Equal(writers * postsEach, LoginCount(account!));
        Assert.Equal(writers * postsEach, account!.StateVersion);
        // Writers in one process wait for their turn rather than race: no write is refused on the ETag.
        Assert.DoesNotContain(_space.Responses.Seen, r => r.Status is 409 or 412);
    }

    [Fact]
    public async Task SignalWriter_LosingTheETagRace_BacksOffBeforeEachRetry_AndStoresEverySignal()
    {
        // Another instance (a store of its own, on a client of its own) writes to the account just before each of
        // this store's first three commits, so those three fail on the ETag.
        var other = new AccountStore(_space.Tables, _space.Names, new ManualClock(Now), new ConflictBackoff());
        var interference = new BeforeBatch(3, n => other.ApplySignalsAsync("contended", [Logins("contended", 10 + n, $"other-{n}")], CancellationToken.None));
        var backoff = new RecordingBackoff();
        var store = new AccountStore(ClientWith(interference), _space.Names, new ManualClock(Now), backoff);

        var (accepted, duplicates) = await store.ApplySignalsAsync("contended", [Logins("contended", 1, "mine")], CancellationToken.None);

        Assert.Equal((1, 0), (accepted, duplicates));
        Assert.Equal([0, 1, 2], backoff.Attempts);
        var account = await _store.GetAsync("contended", CancellationToken.None);
        Assert.Equal(4, LoginCount(account!));
        Assert.Equal(4, account!.StateVersion);
    }

    [Fact]
    public async Task ProfileWriter_LosingTheETagRace_BacksOffBeforeEachRetry_AndKeepsBothChanges()
    {
        await _store.ApplySignalsAsync("profiled", [Logins("profiled", 1, "seed")], CancellationToken.None);
        var other = new AccountStore(_space.Tables, _space.Names, new ManualClock(Now), new ConflictBackoff());
        var interference = new BeforeUpdate(2, n => other.UpdateProfileAsync("profiled", p => p with { Owner = $"owner-{n}" }, CancellationToken.None));
        var backoff = new RecordingBackoff();
        var store = new AccountStore(ClientWith(interference), _space.Names, new ManualClock(Now), backoff);

        // A name change is a plain replace of the row (a segment change also marks the account dirty, in a transaction).
        await store.UpdateProfileAsync("profiled", p => p with { Name = "Renamed" }, CancellationToken.None);

        Assert.Equal([0, 1], backoff.Attempts);
        var account = await _store.GetAsync("profiled", CancellationToken.None);
        Assert.Equal(("Renamed", "owner-1"), (account!.Profile.Name, account.Profile.Owner));
    }

    [Fact]
    public async Task SignalWriter_ThatLosesEveryRace_GivesUpAfterItsAttempts_WithoutAWaitAfterTheLast()
    {
        var other = new AccountStore(_space.Tables, _space.Names, new ManualClock(Now), new ConflictBackoff());
        var interference = new BeforeBatch(int.MaxValue, n => other.ApplySignalsAsync("hopeless", [Logins("hopeless", n % 1000, $"other-{n}")], CancellationToken.None));
        var backoff = new RecordingBackoff();
        var store = new AccountStore(ClientWith(interference), _space.Names, new ManualClock(Now), backoff);

        await Assert.ThrowsAsync<TimeoutException>(() => store.ApplySignalsAsync("hopeless", [Logins("hopeless", 1, "mine")], CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, 49), backoff.Attempts);
    }

    private TableServiceClient ClientWith(HttpPipelinePolicy policy) => TablesWithPolicy.Client(azurite, policy);

    /// <summary>A back-off that records the attempts it is asked to wait after, and returns at once.</summary>
    private sealed class RecordingBackoff : ConflictBackoff
    {
        private readonly List<int> _attempts = [];

        public IReadOnlyList<int> Attempts
        {
            get
            {
                lock (_attempts)
                {
                    return [.. _attempts];
                }
            }
        }

        public override Task WaitAsync(int attempt, CancellationToken cancellationToken)
        {
            lock (_attempts)
            {
                _attempts.Add(attempt);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Runs an interfering write before each of the first <paramref name="times"/> requests it matches.</summary>
    private abstract class Interference(int times, Func<int, Task> interfere) : HttpPipelinePolicy
    {
        private int _done;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Matches(message) && _done < times)
            {
                await interfere(_done++);
            }

            await ProcessNextAsync(message, pipeline);
        }

        protected abstract bool Matches(HttpMessage message);
    }

    private sealed class BeforeBatch(int times, Func<int, Task> interfere) : Interference(times, interfere)
    {
        protected override bool Matches(HttpMessage message) => TablesWithPolicy.IsBatch(message);
    }

    private sealed class BeforeUpdate(int times, Func<int, Task> interfere) : Interference(times, interfere)
    {
        protected override bool Matches(HttpMessage message) => message.Request.Method == RequestMethod.Put;
    }

    [Fact]
    public async Task Transaction_WithOneExistingMarker_ReportsThatIndex_AndWritesNothing()
    {
        // What the duplicate path relies on: the SDK names the failing action, and a failed transaction is atomic.
        await Accounts.AddEntityAsync(new TableEntity("s00", "e|37"));
        var actions = Enumerable.Range(0, 50)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("s00", $"e|{i}")))
            .ToList();

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Accounts.SubmitTransactionAsync(actions));

        Assert.Equal(37, e.FailedTransactionActionIndex);
        Assert.Equal(409, e.Status);
        var left = new List<string>();
        await foreach (var row in Accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"s00"}")))
        {
            left.Add(row.RowKey);
        }

        Assert.Equal(["e|37"], left);
    }

    [Fact]
    public async Task RedeliveredSignals_AfterAFailedTransaction_CountAsDuplicates_AndNewOnesAreStoredOnce()
    {
        var first = Enumerable.Range(0, 30).Select(i => Logins("dup", i, $"ev-{i}")).ToList();
        Assert.Equal((30, 0), await _store.ApplySignalsAsync("dup", first, CancellationToken.None));

        // One stored event in the middle of new ones: the transaction fails at that marker's index, the store
        // looks the chunk's markers up, drops the stored one and commits the rest.
        var mixed = new[] { Logins("dup", 100, "new-a"), Logins("dup", 101, "new-b"), first[17], Logins("dup", 102, "new-c") };
        Assert.Equal((3, 1), await _store.ApplySignalsAsync("dup", mixed, CancellationToken.None));
        Assert.Equal((0, 30), await _store.ApplySignalsAsync("dup", first, CancellationToken.None));
        Assert.Equal((1, 1), await _store.ApplySignalsAsync("dup", [Logins("dup", 103, "twice"), Logins("dup", 103, "twice")], CancellationToken.None));

        var account = await _store.GetAsync("dup", CancellationToken.None);
        Assert.Equal(34, LoginCount(account!));
    }

    [Fact]
    public async Task ScanAsync_PagesPast1000Rows_AndSkipsMarkers()
    {
        var ids = Enumerable.Range(0, 1234).Select(i => $"page-{i:D4}").ToList();
        foreach (var group in ids.GroupBy(AccountKeys.Shard).SelectMany(g => g.Chunk(100)))
        {
            await Accounts.SubmitTransactionAsync(group.Select(id => new TableTransactionAction(TableTransactionActionType.Add,
                AccountEntityMapper.ToEntity(id, AccountProfileData.Empty with { Segment = "SMB" }, new SignalState(), 1, null, null))));
        }

        await _store.ApplySignalsAsync("page-0007", [Logins("page-0007", 1, "marker")], CancellationToken.None);

        var pages = new List<IReadOnlyList<AccountRecord>>();
        await foreach (var page in _store.ScanAsync(CancellationToken.None))
        {
            pages.Add(page);
        }

        Assert.True(pages.Count >= 2, $"expected at least two pages, got {pages.Count}");
        Assert.All(pages, p => Assert.InRange(p.Count, 0, 1000));
        var scanned = pages.SelectMany(p => p).Select(a => a.AccountId).ToList();
        Assert.Equal(ids, scanned.Order(StringComparer.Ordinal));
        Assert.Equal("SMB", pages.SelectMany(p => p).First(a => a.AccountId == "page-0100").Profile.Segment);
        Assert.Equal(1, LoginCount(pages.SelectMany(p => p).Single(a => a.AccountId == "page-0007")));
    }

    [Fact]
    public async Task Account_WithEveryField_AndStateOverSeveralChunks_RoundTrips()
    {
        var profile = new AccountProfileData("Acme \"Corp\"", "Enterprise", "Adopt", 120_000, new DateOnly(2027, 3, 1), "dana");
        await _store.PutProfileAsync("big", profile, CancellationToken.None);
        var signals = Enumerable.Range(0, SignalState.MaxMetrics).SelectMany(m => Enumerable.Range(0, 120)
            .Select(d => new Signal("big", $"metric_{m:D2}", (m * 1000) + d + 0.25, Now.AddDays(-d).AddMinutes(-m), null, null))).ToList();
        foreach (var chunk in signals.Chunk(1000))
        {
            await _store.ApplySignalsAsync("big", chunk, CancellationToken.None);
        }

        var read = (await _store.GetAsync("big", CancellationToken.None))!;
        var stored = await Accounts.GetEntityAsync<TableEntity>(AccountKeys.Shard("big"), AccountKeys.AccountRow("big"));

        Assert.True(stored.Value.GetInt32("StateChunks") >= 2, "the state should span several binary properties");
        Assert.Equal(profile, read.Profile);
        Assert.Equal(Now, read.LastSignalAt);
        var state = read.State.Decode();
        Assert.Equal(SignalState.MaxMetrics, state.MetricCount);
        Assert.Equal(signals.Where(s => s.Metric == "metric_07").Sum(s => s.Value), state.Buckets("metric_07").Sum(b => b.Sum), 6);
        Assert.Equal(stored.Value.ETag, read.ETag);

        // A full scan reads the scoring columns with the first chunk only, and reads such a row again whole.
        var scanned = new List<AccountRecord>();
        await foreach (var page in _store.ScanAsync(CancellationToken.None))
        {
            scanned.AddRange(page);
        }

        var fromScan = Assert.Single(scanned);
        Assert.Equal(read.State.Length, fromScan.State.Length);
        Assert.Equal("Enterprise", fromScan.Profile.Segment);
    }

    [Fact]
    public async Task WriteScores_MergesIntoTheRows_InBatchesOf100_AndKeepsTheState()
    {
        var shard = AccountKeys.Shard("score-0");
        var ids = Enumerable.Range(0, 100_000).Select(i => $"score-{i}").Where(id => AccountKeys.Shard(id) == shard).Take(250).ToList();
        var state = new SignalState();
        state.Apply("logins", 9, Now);
        foreach (var batch in ids.Chunk(100))
        {
            await Accounts.SubmitTransactionAsync(batch.Select(id => new TableTransactionAction(TableTransactionActionType.Add,
                AccountEntityMapper.ToEntity(id, AccountProfileData.Empty, state, 1, Now, null))));
        }

        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        var account = (await _store.GetAsync(ids[0], CancellationToken.None))!;
        var snapshot = AccountScorer.Evaluate(DefaultModels.Default, account, day, Now)!.Snapshot!;

        var (requests, changed) = await _store.WriteScoresAsync(ids.Select(id => (id, snapshot, ETag.All)).ToList(), CancellationToken.None);

        Assert.Equal(3, requests);
        Assert.Empty(changed);
        var scored = (await _store.GetAsync(ids[249], CancellationToken.None))!;
        Assert.Equal(1, LoginCount(scored));
        Assert.Equal(snapshot.Result.Value.Score, scored.Score!.Result.Value.Score);
        Assert.Equal(day, scored.Score.Day);
        Assert.Equal(snapshot.Recent.Select(p => (p.Day, p.Tier)), scored.Score.Recent.Select(p => (p.Day, p.Tier)));
        var lines = new List<AccountScoreLine>();
        await foreach (var line in _store.ScanScoresAsync(CancellationToken.None))
        {
            lines.Add(line);
        }

        Assert.Equal(250, lines.Count);
        Assert.All(lines, l => Assert.Equal((snapshot.Result.Value.Score, snapshot.Result.Value.Tier), (l.Score, l.Tier)));
    }

    [Fact]
    public async Task WriteScores_SkipsRowsChangedSinceTheyWereRead_AndWritesTheRest()
    {
        // Three accounts of one shard, as a rescore writes them.
        var ids = Enumerable.Range(0, 1000).Select(i => $"sc-{i}").Where(id => AccountKeys.Shard(id) == AccountKeys.Shard("sc-0")).Take(3).ToList();
        var read = new List<AccountRecord>();
        foreach (var id in ids)
        {
            await _store.ApplySignalsAsync(id, [Logins(id, 1, $"{id}-1")], CancellationToken.None);
            read.Add((await _store.GetAsync(id, CancellationToken.None))!);
        }

        await _store.ApplySignalsAsync(ids[1], [Logins(ids[1], 2, "second")], CancellationToken.None); // changed after it was read
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        var scores = read.Select(a => (a.AccountId, AccountScorer.Evaluate(DefaultModels.Default, a, day, Now)!.Snapshot!, a.ETag)).ToList();

        var (requests, changed) = await _store.WriteScoresAsync(scores, CancellationToken.None);

        Assert.Equal([ids[1]], changed);
        Assert.Equal(2, requests);
        var scored = await Task.WhenAll(ids.Select(async id => (await _store.GetAsync(id, CancellationToken.None))!.Score is not null));
        Assert.Equal(new[] { true, false, true }, scored);
    }

    [Fact]
    public async Task DirtyMarker_IsClearedWithItsETag_ButKeptWhenANewerSignalRemarkedIt()
    {
        await _store.ApplySignalsAsync("dirty-a", [Logins("dirty-a", 1, null)], CancellationToken.None);
        await _store.ApplySignalsAsync("dirty-b", [Logins("dirty-b", 1, null)], CancellationToken.None);
        var markers = new List<(string AccountId, ETag ETag)>();
        await foreach (var m in _store.ScanDirtyAsync(CancellationToken.None))
        {
            markers.Add(m);
        }

        await _store.ApplySignalsAsync("dirty-b", [Logins("dirty-b", 2, null)], CancellationToken.None); // re-marks b
        foreach (var (id, etag) in markers)
        {
            await _store.ClearDirtyAsync(id, etag, CancellationToken.None);
        }

        await _store.ClearDirtyAsync("never-marked", ETag.All, CancellationToken.None);
        var left = new List<string>();
        await foreach (var m in _store.ScanDirtyAsync(CancellationToken.None))
        {
            left.Add(m.AccountId);
        }

        Assert.Equal(["dirty-a", "dirty-b"], markers.Select(m => m.AccountId).Order(StringComparer.Ordinal));
        Assert.Equal(["dirty-b"], left);
        Assert.Contains(_space.Responses.Seen, r => r.Method == "DELETE" && r.Status == 412);
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("it''s 100% + more")]
    [InlineData("ünïcødé ✓ 日本 🚀")]
    [InlineData("a=b&c (paren),[x]{y} ' or 1 eq 1")]
    public async Task AccountIds_WithQuotesAndOddCharacters_RoundTripThroughKeysAndFilters(string accountId)
    {
        var history = new HistoryStore(_space.Tables, _space.Names);
        await _store.ApplySignalsAsync(accountId, [Logins(accountId, 1, "ev'1")], CancellationToken.None);
        await _store.ApplySignalsAsync(accountId, [Logins(accountId, 2, "ev'1")], CancellationToken.None);
        await history.WriteAsync(AccountKeys.Shard(accountId), [new HistoryRow(accountId, new DateOnly(2026, 11, 20), 50, HealthTier.Red, 1, "v1", "none",
            new Dictionary<string, double?> { ["adoption"] = 50 }, Now)], CancellationToken.None);

        var account = await _store.GetAsync(accountId, CancellationToken.None);
        var rows = new List<HistoryRow>();
        await foreach (var row in history.ReadAsync(accountId, new DateOnly(2026, 1, 1), CancellationToken.None))
        {
            rows.Add(row);
        }

        Assert.Equal(accountId, account!.AccountId);
        Assert.Equal(1, LoginCount(account));
        Assert.Equal(accountId, Assert.Single(rows).AccountId);
    }
}
