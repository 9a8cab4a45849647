using Azure;
using HealthFunctions.Storage.Tables;
using HealthFunctions.Storage.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableQueryAndTransactionTests(AzuriteFixture azurite) : TableTestBase(azurite)
{
    [Fact]
    public async Task Query_Over1000Entities_FollowsContinuation()
    {
        // 1,234 entities over 13 partitions: at least two pages of at most 1,000.
        for (var p = 0; p < 13; p++)
        {
            var count = p == 12 ? 34 : 100;
            await Table.SubmitTransactionAsync(Enumerable.Range(0, count)
                .Select(r => new TableTransactionAction(TableTransactionActionType.Add, Entity($"p{p:D2}", $"r{r:D3}", ("N", r))))
                .ToList());
        }

        var pages = await Table.QueryPagesAsync().ToListAsync();

        Assert.True(pages.Count >= 2, $"expected several pages, got {pages.Count}");
        Assert.All(pages, page => Assert.True(page.Entities.Count <= 1000));
        Assert.All(pages[..^1], page => Assert.NotNull(page.ContinuationToken));
        Assert.Null(pages[^1].ContinuationToken);
        var keys = pages.SelectMany(p => p.Entities).Select(e => (e.PartitionKey, e.RowKey)).ToList();
        Assert.Equal(1234, keys.Distinct().Count());
        Assert.Equal(1234, keys.Count);
    }

    [Fact]
    public async Task Query_WithFilterSelectAndTop_ReturnsMatchingEntitiesInSmallPages()
    {
        await Table.SubmitTransactionAsync(Enumerable.Range(0, 30)
            .Select(r => new TableTransactionAction(TableTransactionActionType.Add,
                Entity("p", $"r{r:D2}", ("N", r), ("Big", (long)r << 33), ("Score", r / 2.0), ("Name", $"it's {r}"), ("Extra", "x"))))
            .ToList());

        var filter = TableFilter.And(
            TableFilter.Equal("PartitionKey", "p"),
            TableFilter.GreaterThanOrEqual("N", 10),
            TableFilter.LessThan("Big", 20L << 33),
            TableFilter.NotEqual("Name", "it's 12"));
        var pages = await Table.QueryPagesAsync(filter, ["N", "Name"], pageSize: 3).ToListAsync();
        var entities = pages.SelectMany(p => p.Entities).ToList();

        Assert.Equal(Enumerable.Range(10, 10).Where(n => n != 12), entities.Select(e => e.GetInt32("N")!.Value));
        Assert.All(pages, p => Assert.True(p.Entities.Count <= 3));
        Assert.All(entities, e => Assert.Null(e["Extra"]));
        Assert.All(entities, e => Assert.NotEqual(default, e.ETag));
    }

    [Fact]
    public async Task Query_StoppedEarly_DoesNotFetchRemainingPages()
    {
        await Table.SubmitTransactionAsync(Enumerable.Range(0, 20)
            .Select(r => new TableTransactionAction(TableTransactionActionType.Add, Entity("p", $"r{r:D2}"))).ToList());

        var first = await Table.QueryAsync(pageSize: 5).Take(7).ToListAsync();

        Assert.Equal(7, first.Count);
    }

    [Fact]
    public async Task Transaction_OfExactly100_WritesAllAndReturnsETags()
    {
        var actions = Enumerable.Range(0, 100)
            .Select(r => new TableTransactionAction(TableTransactionActionType.Add, Entity("p", $"r{r:D3}", ("N", r))))
            .ToList();

        var etags = await Table.SubmitTransactionAsync(actions);

        Assert.Equal(100, etags.Count);
        Assert.All(etags, e => Assert.NotEqual(default, e));
        Assert.Equal(100, await Table.QueryAsync(TableFilter.Equal("PartitionKey", "p")).CountAsync());
    }

    [Fact]
    public async Task Transaction_MixingOperations_AppliesEachKind()
    {
        var etag = await Table.AddEntityAsync(Entity("p", "update", ("N", 1), ("Keep", "k")));
        await Table.AddEntityAsync(Entity("p", "delete"));
        await Table.AddEntityAsync(Entity("p", "replace", ("Old", 1)));

        await Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "new", ("N", 5))),
            new(TableTransactionActionType.UpdateMerge, Entity("p", "update", ("N", 2)), etag),
            new(TableTransactionActionType.Delete, Entity("p", "delete")),
            new(TableTransactionActionType.UpsertReplace, Entity("p", "replace", ("New", 1))),
            new(TableTransactionActionType.UpsertMerge, Entity("p", "merged", ("M", 1))),
        ]);

        var all = await Table.QueryAsync().ToDictionaryAsync(e => e.RowKey);
        Assert.Equal(["merged", "new", "replace", "update"], all.Keys.Order());
        Assert.Equal((2, "k"), (all["update"].GetInt32("N")!.Value, all["update"].GetString("Keep")!));
        Assert.Null(all["replace"]["Old"]);
    }

    [Fact]
    public async Task Transaction_WithOneBadOperation_ReportsItsIndexAndWritesNothing()
    {
        await Table.AddEntityAsync(Entity("p", "r037"));
        var actions = Enumerable.Range(0, 50)
            .Select(r => new TableTransactionAction(TableTransactionActionType.Add, Entity("p", $"r{r:D3}")))
            .ToList();

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(actions));

        Assert.Equal(37, ex.FailedOperationIndex);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Equal(409, ex.Status);
        var remaining = await Table.QueryAsync().Select(e => e.RowKey).ToListAsync();
        Assert.Equal(["r037"], remaining);
    }

    [Fact]
    public async Task Transaction_WithStaleETag_ReportsConcurrencyFailureAtItsIndex()
    {
        var stale = await Table.AddEntityAsync(Entity("p", "a", ("N", 1)));
        await Table.UpsertEntityAsync(Entity("p", "a", ("N", 2)));

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "b")),
            new(TableTransactionActionType.UpdateReplace, Entity("p", "a", ("N", 3)), stale),
        ]));

        Assert.Equal(1, ex.FailedOperationIndex);
        Assert.Equal(412, ex.Status);
        Assert.Null(await Table.GetEntityAsync("p", "b"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Transaction_OutsideOneTo100Operations_IsRejectedBeforeSending(int count)
    {
        var actions = Enumerable.Range(0, count)
            .Select(r => new TableTransactionAction(TableTransactionActionType.Add, Entity("p", $"r{r}"))).ToList();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(actions));

        Assert.Contains("1 to 100", ex.Message);
    }

    [Fact]
    public async Task Transaction_AcrossPartitionsOrWithRepeatedRows_IsRejectedBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, Entity("p1", "r")), new(TableTransactionActionType.Add, Entity("p2", "r"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, Entity("p", "r")), new(TableTransactionActionType.Delete, Entity("p", "r"))]));
    }
}
