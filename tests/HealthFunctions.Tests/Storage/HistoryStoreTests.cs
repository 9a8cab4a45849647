using HealthFunctions.Rescoring;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using HealthScoring;
using Xunit;

namespace HealthFunctions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class HistoryStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private HistoryStore _store = null!;

    public async Task InitializeAsync()
    {
        var space = await StorageSpace.CreateAsync(azurite);
        _store = new HistoryStore(space.Tables, space.Names);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static HistoryRow Row(string accountId, DateOnly day, double? score) => new(accountId, day, score, score is null ? null : HealthTier.Green,
        0.75, "v1", "none", new Dictionary<string, double?> { ["adoption"] = 81.5, ["support"] = null }, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Write_InBatchesOf100_ThenRead_ReturnsOneAccountsDaysFromADay()
    {
        // acct and acct|x share a shard only by chance; the range query must still return acct's rows alone.
        const string account = "acct";
        var rows = Enumerable.Range(0, 150).Select(d => Row(account, Day.AddDays(-d), d == 3 ? null : 80 - (d % 7))).ToList();

        var requests = await _store.WriteAsync(AccountKeys.Shard(account), rows, CancellationToken.None);
        await _store.WriteAsync(AccountKeys.Shard(account + "|x"), [Row(account + "|x", Day, 10)], CancellationToken.None);
        await _store.WriteAsync(AccountKeys.Shard(account), [Row(account, Day, 99)], CancellationToken.None); // a rerun replaces the day

        var read = new List<HistoryRow>();
        await foreach (var row in _store.ReadAsync(account, Day.AddDays(-9), CancellationToken.None))
        {
            read.Add(row);
        }

        Assert.Equal(2, requests);
        Assert.Equal(Enumerable.Range(0, 10).Select(d => Day.AddDays(-9 + d)), read.Select(r => r.Day));
        Assert.All(read, r => Assert.Equal(account, r.AccountId));
        Assert.Equal(99, read[^1].Score);
        var missing = read.Single(r => r.Day == Day.AddDays(-3));
        Assert.Null(missing.Score);
        Assert.Null(missing.Tier);
        Assert.Equal(81.5, read[0].Components["adoption"]);
        Assert.Null(read[0].Components["support"]);
    }
}
