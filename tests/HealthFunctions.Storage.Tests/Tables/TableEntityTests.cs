using Azure;
using HealthFunctions.Storage.Tables;
using HealthFunctions.Storage.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableEntityTests(AzuriteFixture azurite) : TableTestBase(azurite)
{
    [Fact]
    public async Task CreateIfNotExists_CalledTwice_DoesNotThrow()
    {
        await Table.CreateIfNotExistsAsync();
    }

    [Fact]
    public async Task DeleteIfExists_RemovesTableAndItsEntities_ThenReportsItGone()
    {
        await Table.AddEntityAsync(Entity("p", "gone", ("N", 1)));

        Assert.True(await Table.DeleteIfExistsAsync());
        Assert.False(await Table.DeleteIfExistsAsync());

        await Table.CreateIfNotExistsAsync();
        Assert.Null(await Table.GetEntityAsync("p", "gone"));
    }

    [Fact]
    public async Task Add_ThenGet_RoundTripsEveryEdmType()
    {
        var when = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = Entity("p", "r",
            ("Text", "héllo \"wörld\" 'x' 🚀"), ("Int", -42), ("Long", 1L << 40), ("Whole", 5.0), ("Fraction", 0.1),
            ("Flag", true), ("When", when), ("Id", id), ("Bytes", new byte[] { 0, 1, 2, 255 }), ("LongSmall", 7L),
            ("NotANumber", double.NaN), ("Infinite", double.PositiveInfinity));

        var etag = await Table.AddEntityAsync(entity);
        var read = await Table.GetEntityAsync("p", "r");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("héllo \"wörld\" 'x' 🚀", read["Text"]);
        Assert.Equal(-42, Assert.IsType<int>(read["Int"]));
        Assert.Equal(1L << 40, Assert.IsType<long>(read["Long"]));
        Assert.Equal(7L, Assert.IsType<long>(read["LongSmall"]));
        Assert.Equal(5.0, Assert.IsType<double>(read["Whole"]));
        Assert.Equal(0.1, Assert.IsType<double>(read["Fraction"]));
        Assert.True(Assert.IsType<bool>(read["Flag"]));
        Assert.Equal(when, Assert.IsType<DateTimeOffset>(read["When"]));
        Assert.Equal(id, Assert.IsType<Guid>(read["Id"]));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, Assert.IsType<byte[]>(read["Bytes"]));
        Assert.True(double.IsNaN(Assert.IsType<double>(read["NotANumber"])));
        Assert.Equal(double.PositiveInfinity, read["Infinite"]);
    }

    [Fact]
    public async Task Add_WhenEntityExists_ThrowsTableEntityExistsException()
    {
        await Table.AddEntityAsync(Entity("p", "r"));

        var ex = await Assert.ThrowsAsync<TableEntityExistsException>(() => Table.AddEntityAsync(Entity("p", "r")));

        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
    }

    [Fact]
    public async Task Get_WhenMissing_ReturnsNull()
    {
        Assert.Null(await Table.GetEntityAsync("nope", "nope"));
    }

    [Fact]
    public async Task Get_WithSelect_ReturnsOnlySelectedProperties()
    {
        await Table.AddEntityAsync(Entity("p", "r", ("A", 1), ("B", 2)));

        var read = await Table.GetEntityAsync("p", "r", ["A"]);

        Assert.Equal(1, read!["A"]);
        Assert.Null(read["B"]);
    }

    [Fact]
    public async Task Update_WithStaleETag_ThrowsTableConcurrencyException()
    {
        var first = await Table.AddEntityAsync(Entity("p", "r", ("N", 1)));
        await Table.UpdateEntityAsync(Entity("p", "r", ("N", 2)), first);

        var ex = await Assert.ThrowsAsync<TableConcurrencyException>(() => Table.UpdateEntityAsync(Entity("p", "r", ("N", 3)), first));

        Assert.Equal(412, ex.Status);
        Assert.Equal(2, (await Table.GetEntityAsync("p", "r"))!["N"]);
    }

    [Fact]
    public async Task Update_WhenEntityIsGone_ThrowsTableConcurrencyException()
    {
        var ex = await Assert.ThrowsAsync<TableConcurrencyException>(() => Table.UpdateEntityAsync(Entity("p", "gone"), ETag.All));

        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public async Task Upsert_Merge_KeepsOtherPropertiesAndReplace_DropsThem()
    {
        await Table.UpsertEntityAsync(Entity("p", "r", ("A", 1), ("B", 2)), TableUpdateMode.Replace);

        await Table.UpsertEntityAsync(Entity("p", "r", ("A", 10)), TableUpdateMode.Merge);
        var merged = await Table.GetEntityAsync("p", "r");
        await Table.UpsertEntityAsync(Entity("p", "r", ("A", 20)), TableUpdateMode.Replace);
        var replaced = await Table.GetEntityAsync("p", "r");

        Assert.Equal((10, 2), ((int)merged!["A"]!, (int)merged["B"]!));
        Assert.Equal(20, replaced!["A"]);
        Assert.Null(replaced["B"]);
    }

    [Fact]
    public async Task Delete_WithStaleETag_ThrowsAndMissingEntityIsNotAnError()
    {
        var first = await Table.AddEntityAsync(Entity("p", "r", ("N", 1)));
        await Table.UpsertEntityAsync(Entity("p", "r", ("N", 2)));

        await Assert.ThrowsAsync<TableConcurrencyException>(() => Table.DeleteEntityAsync("p", "r", first));
        await Table.DeleteEntityAsync("p", "r");
        await Table.DeleteEntityAsync("p", "r");

        Assert.Null(await Table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task ConcurrentReadModifyWrite_WithRetryOnConflict_EndsWithExactCount()
    {
        const int writers = 8, incrementsEach = 10;
        await Table.AddEntityAsync(Entity("counter", "c", ("Count", 0)));
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < incrementsEach; i++)
            {
                while (true)
                {
                    var current = (await Table.GetEntityAsync("counter", "c"))!;
                    try
                    {
                        await Table.UpdateEntityAsync(Entity("counter", "c", ("Count", current.GetInt32("Count")!.Value + 1)), current.ETag);
                        break;
                    }
                    catch (TableConcurrencyException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));

        Assert.Equal(writers * incrementsEach, (await Table.GetEntityAsync("counter", "c"))!.GetInt32("Count"));
        Assert.True(conflicts > 0, "concurrent writers should have collided at least once");
    }

    [Theory]
    [InlineData("O'Brien", "it''s")]
    [InlineData("space key", "100% + more")]
    [InlineData("ünïcødé ✓ 日本", "emoji 🚀")]
    [InlineData("a=b&c", "(paren),[x]{y}")]
    [InlineData("", "empty partition")]
    public async Task Keys_WithOddCharacters_RoundTripAndFilterMatches(string pk, string rk)
    {
        await Table.AddEntityAsync(Entity(pk, rk, ("Value", pk + "|" + rk)));

        var read = await Table.GetEntityAsync(pk, rk);
        var queried = await Table.QueryAsync(TableFilter.And(TableFilter.Equal("PartitionKey", pk), TableFilter.Equal("Value", pk + "|" + rk)))
            .ToListAsync();

        Assert.Equal(pk + "|" + rk, read!["Value"]);
        var single = Assert.Single(queried);
        Assert.Equal((pk, rk), (single.PartitionKey, single.RowKey));
        await Table.DeleteEntityAsync(pk, rk);
        Assert.Null(await Table.GetEntityAsync(pk, rk));
    }

    [Fact]
    public async Task Entity_NearOneMebibyte_RoundTrips()
    {
        // 15 string properties of 32,000 chars (64,000 bytes each as UTF-16) ≈ 960,000 bytes, under the 1 MiB limit.
        var entity = new TableEntity("p", "big");
        for (var i = 0; i < 15; i++)
        {
            entity[$"Chunk{i}"] = new string((char)('a' + i), 32_000);
        }

        await Table.AddEntityAsync(entity);
        var read = await Table.GetEntityAsync("p", "big");

        Assert.Equal(15, read!.Properties.Count);
        Assert.Equal(new string('o', 32_000), read["Chunk14"]);
    }
}
