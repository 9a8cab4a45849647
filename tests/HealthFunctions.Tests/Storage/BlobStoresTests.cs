using System.Text;
using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using HealthFunctions.Webhooks;
using HealthScoring;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace HealthFunctions.Tests.Storage;

/// <summary>The blob side on Azure.Storage.Blobs against Azurite: create-only archive writes, conditional model reads.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobStoresTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Received = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private StorageSpace _space = null!;

    public async Task InitializeAsync() => _space = await StorageSpace.CreateAsync(azurite);

    public Task DisposeAsync() => Task.CompletedTask;

    private ModelStore Models(ModelProvider provider) =>
        new(_space.Blobs, _space.Names, provider, NullLogger<ModelStore>.Instance);

    private static ModelProvider Provider() => new(Options.Create(new PipelineOptions()));

    private static string ModelJson(string version) =>
        DefaultModels.DefaultJson.Replace($"\"version\": \"{DefaultModels.Default.Version}\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);

    [Fact]
    public async Task Archive_IsCreateOnly_SoARetriedDeliveryKeepsTheFirstBody()
    {
        var archive = new WebhookArchive(_space.Blobs, _space.Names);

        await archive.ArchiveAsync("stripe", "evt/1", Received, Encoding.UTF8.GetBytes("{\"first\":true}"), CancellationToken.None);
        await archive.ArchiveAsync("stripe", "evt/1", Received, Encoding.UTF8.GetBytes("{\"second\":true}"), CancellationToken.None);

        var name = WebhookArchive.BlobName("stripe", DateOnly.FromDateTime(Received.UtcDateTime), "evt/1");
        var body = await archive.ReadAsync(name, CancellationToken.None);
        Assert.Equal("{\"first\":true}", Encoding.UTF8.GetString(body!.Value.Span));
        Assert.Contains(_space.Responses.Seen, r => r.Method == "PUT" && r.Status == 409);
        Assert.Null(await archive.ReadAsync("stripe/2026-11-23/missing.json", CancellationToken.None));
    }

    [Fact]
    public async Task ArchiveList_ReturnsOneSourcesDeliveriesOfTheDaysAsked()
    {
        var archive = new WebhookArchive(_space.Blobs, _space.Names);
        await archive.ArchiveAsync("stripe", "a", Received, "{}"u8.ToArray(), CancellationToken.None);
        await archive.ArchiveAsync("stripe", "b", Received.AddDays(1), "{}"u8.ToArray(), CancellationToken.None);
        await archive.ArchiveAsync("stripe", "c", Received.AddDays(3), "{}"u8.ToArray(), CancellationToken.None);
        await archive.ArchiveAsync("zendesk", "d", Received, "{}"u8.ToArray(), CancellationToken.None);

        var listed = new List<string>();
        var day = DateOnly.FromDateTime(Received.UtcDateTime);
        await foreach (var (_, deliveryId) in archive.ListAsync("stripe", day, day.AddDays(2), CancellationToken.None))
        {
            listed.Add(deliveryId);
        }

        Assert.Equal(["a", "b"], listed);
    }

    [Fact]
    public async Task Refresh_WithTheKnownETag_IsOneConditionalGet_AndPicksUpAModelActivatedElsewhere()
    {
        var here = Provider();
        var elsewhere = Provider();
        await Models(elsewhere).SaveProposedAsync("v-2", ModelJson("v-2"), CancellationToken.None);
        await Models(elsewhere).ActivateAsync("v-2", CancellationToken.None);

        await Models(here).RefreshAsync(CancellationToken.None);
        var known = here.StoredETag;
        _space.Responses.Clear();
        await Models(here).RefreshAsync(CancellationToken.None);

        Assert.Equal("v-2", here.Current.Version);
        Assert.NotNull(known);
        Assert.Equal([("GET", 304)], _space.Responses.Seen);
        Assert.Equal(known, here.StoredETag);

        await Models(elsewhere).SaveProposedAsync("v-3", ModelJson("v-3"), CancellationToken.None);
        await Models(elsewhere).ActivateAsync("v-3", CancellationToken.None);
        await Models(here).RefreshAsync(CancellationToken.None);

        Assert.Equal("v-3", here.Current.Version);
        Assert.NotEqual(known, here.StoredETag);
    }

    [Fact]
    public async Task Refresh_WithNoActiveModelStored_KeepsTheBaseline_AndUnknownVersionsAreNotFound()
    {
        var provider = Provider();

        await Models(provider).RefreshAsync(CancellationToken.None);

        Assert.Equal(DefaultModels.Default.Version, provider.Current.Version);
        Assert.Null(provider.StoredETag);
        await Assert.ThrowsAsync<Errors.NotFoundException>(() => Models(provider).ActivateAsync("no-such-version", CancellationToken.None));
    }
}
