using HealthFunctions.Storage.Blobs;
using HealthFunctions.Storage.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Storage.Tests.Blobs;

[Collection(AzuriteCollection.Name)]
public sealed class BlobContainerClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly IBlobContainerClient _container = new BlobServiceClient(azurite.ConnectionString).GetContainerClient(UniqueName.Container());

    public async Task InitializeAsync() => await _container.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateIfNotExists_CalledTwice_DoesNotThrow()
    {
        await _container.CreateIfNotExistsAsync();
    }

    [Fact]
    public async Task Upload_ThenDownload_RoundTripsBytesAndContentType()
    {
        var body = BinaryData.FromString("{\"hello\":\"wörld\"}");

        Assert.True(await _container.UploadAsync("raw/2025/01/a b+c%.json", body, "application/json"));
        var read = await _container.DownloadAsync("raw/2025/01/a b+c%.json");

        Assert.NotNull(read);
        Assert.Equal(body.ToArray(), read.Content.ToArray());
        Assert.Equal("application/json", read.ContentType);
        Assert.NotEqual(default, read.ETag);
        Assert.True(read.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Upload_CreateOnlyWhenBlobExists_ReturnsFalseAndKeepsOriginal()
    {
        Assert.True(await _container.UploadAsync("once", BinaryData.FromString("first"), overwrite: false));

        var second = await _container.UploadAsync("once", BinaryData.FromString("second"), overwrite: false);

        Assert.False(second);
        Assert.Equal("first", (await _container.DownloadAsync("once"))!.Content.ToString());
        Assert.True(await _container.UploadAsync("once", BinaryData.FromString("third")));
        Assert.Equal("third", (await _container.DownloadAsync("once"))!.Content.ToString());
    }

    [Fact]
    public async Task DownloadIfChanged_WithTheCurrentETag_ReturnsNull_AndAfterAWrite_ReturnsTheNewContent()
    {
        await _container.UploadAsync("active.json", BinaryData.FromString("v1"), "application/json");
        var first = await _container.DownloadAsync("active.json");

        Assert.Null(await _container.DownloadIfChangedAsync("active.json", first!.ETag));

        await _container.UploadAsync("active.json", BinaryData.FromString("v2"), "application/json");
        var changed = await _container.DownloadIfChangedAsync("active.json", first.ETag);
        Assert.Equal("v2", changed!.Content.ToString());
        Assert.NotEqual(first.ETag, changed.ETag);
    }

    [Fact]
    public async Task Download_WhenMissing_ReturnsNull()
    {
        Assert.Null(await _container.DownloadAsync("missing"));
    }

    [Fact]
    public async Task List_ByPrefix_ReturnsOnlyMatchingBlobsWithSizes()
    {
        await Task.WhenAll(
            _container.UploadAsync("a/1", BinaryData.FromString("1")),
            _container.UploadAsync("a/22", BinaryData.FromString("22")),
            _container.UploadAsync("b/3", BinaryData.FromString("333")));

        var items = await _container.ListAsync("a/").ToListAsync();

        Assert.Equal(["a/1", "a/22"], items.Select(i => i.Name));
        Assert.Equal([1L, 2L], items.Select(i => i.Size));
        Assert.Equal(3, await _container.ListAsync().CountAsync());
    }

    [Fact]
    public void GetContainerClient_WithInvalidName_Throws()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);

        Assert.Throws<ArgumentException>(() => service.GetContainerClient("Bad_Name"));
    }
}
