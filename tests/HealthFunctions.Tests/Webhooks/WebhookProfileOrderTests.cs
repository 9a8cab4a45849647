using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>
/// Finding 4 of issue 14: a replayed old signed Segment group call rolled the profile back. A webhook profile update
/// applies only when its source timestamp is newer than the profile's (ProfileUpdatedAt); the account API stamps the
/// time of the request.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookProfileOrderTests(AzuriteFixture azurite)
{
    private static byte[] Group(string messageId, string timestamp, string owner, string segment, int arr) => Encoding.UTF8.GetBytes(
        $$$"""{"type":"group","groupId":"acme-co","messageId":"{{{messageId}}}","timestamp":"{{{timestamp}}}","traits":{"owner":"{{{owner}}}","segment":"{{{segment}}}","arr":{{{arr}}}}}""");

    private static async Task<AccountProfileData> ProfileAsync(PipelineApp app) =>
        (await app.Services.GetRequiredService<AccountStore>().GetAsync("acme-co", CancellationToken.None))!.Profile;

    [Fact]
    public async Task ReplayedOldGroupCall_DoesNotRollTheProfileBack()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        var old = Group("m-old", "2026-11-20T08:00:00Z", "old-csm@example.com", "SMB", 1000);

        Assert.Equal(HttpStatusCode.Accepted, (await WebhookClient.PostSignedAsync(http, app, "segment", old)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookClient.PostSignedAsync(http, app, "segment",
            Group("m-new", "2026-11-22T08:00:00Z", "new-csm@example.com", "Enterprise", 120000))).StatusCode);
        var replay = await WebhookClient.PostSignedAsync(http, app, "segment", old);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var profile = await ProfileAsync(app);
        Assert.Equal(("new-csm@example.com", "Enterprise", 120000d), (profile.Owner, profile.Segment, profile.Arr!.Value));
    }

    [Fact]
    public async Task OlderGroupCall_ArrivingAfterAProfilePut_IsSkipped_AndSignalsInBetweenKeepTheStamp()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();

        var put = await http.PutAsJsonAsync("/api/accounts/acme-co", new { name = "Acme", segment = "MidMarket", owner = "dana" });
        var signal = await http.PostAsJsonAsync("/api/signals", new { accountId = "acme-co", metric = "logins", value = 1 });
        var late = await WebhookClient.PostSignedAsync(http, app, "segment", Group("m-late", "2026-11-23T08:00:00Z", "someone-else", "SMB", 5));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, signal.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        var profile = await ProfileAsync(app);
        Assert.Equal(("dana", "MidMarket"), (profile.Owner, profile.Segment));
        var row = await app.Services.GetRequiredService<TableServiceClient>().GetTableClient(app.Services.GetRequiredService<TableNames>().Accounts)
            .GetEntityAsync<TableEntity>(AccountKeys.Shard("acme-co"), AccountKeys.AccountRow("acme-co"));
        Assert.Equal(WebhookSigner.Now, row.Value.GetDateTimeOffset("ProfileUpdatedAt"));
    }

    [Fact]
    public async Task NewerGroupCall_AfterAProfilePut_Applies()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now.AddHours(-3), WebhookSigner.Settings());
        using var http = app.CreateClient();

        await http.PutAsJsonAsync("/api/accounts/acme-co", new { name = "Acme", segment = "MidMarket", owner = "dana" });
        app.Clock.Advance(TimeSpan.FromHours(3));
        var update = await WebhookClient.PostSignedAsync(http, app, "segment", Group("m-1", "2026-11-23T09:00:00Z", "lee", "Enterprise", 5));

        Assert.Equal(HttpStatusCode.Accepted, update.StatusCode);
        var profile = await ProfileAsync(app);
        Assert.Equal(("Acme", "lee", "Enterprise"), (profile.Name, profile.Owner, profile.Segment));
    }

    [Fact]
    public async Task ArchiveReplay_OfAnOldGroupCall_DoesNotRollTheProfileBack()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();

        await WebhookClient.PostSignedAsync(http, app, "segment", Group("m-a", "2026-11-20T08:00:00Z", "old", "SMB", 1));
        await WebhookClient.PostSignedAsync(http, app, "segment", Group("m-b", "2026-11-22T08:00:00Z", "new", "Enterprise", 2));
        var replay = await http.PostAsync("/api/ops/replay?source=segment&from=2026-11-23", null);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(("new", "Enterprise"), ((await ProfileAsync(app)).Owner, (await ProfileAsync(app)).Segment));
    }
}
