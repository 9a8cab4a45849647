using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>
/// The 2xx rule of issue 14: once a delivery's signature verifies and its body is archived, it is answered 2xx, saying
/// what was stored, what was skipped and why. A delivery nothing could be taken from is parked: listed, and replayed
/// after a mapping change. Vendors retry any other answer for days and then disable the endpoint.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookAcceptanceTests(AzuriteFixture azurite)
{
    private PipelineApp App(string? prefix = null, string? mappingFile = null)
    {
        var settings = WebhookSigner.Settings();
        if (prefix is not null)
        {
            settings["HealthFunctions:StoragePrefix"] = prefix;
        }

        if (mappingFile is not null)
        {
            settings["HealthFunctions:WebhookMappingsPath"] = mappingFile;
        }

        return new PipelineApp(azurite, WebhookSigner.Now, settings);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static byte[] Edit(string fixture, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(WebhookSigner.Fixture(fixture))!.AsObject();
        edit(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [Fact]
    public async Task StripeMultiItemSubscriptionUpdated_Is202_AndSeatsAreTheSumOfTheItemQuantities()
    {
        await using var app = App();
        using var http = app.CreateClient();

        var response = await WebhookClient.PostSignedAsync(http, app, "stripe", WebhookSigner.Fixture("stripe-subscription-updated-multi-item.json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal(("stored", 1), (result.GetProperty("status").GetString(), result.GetProperty("accepted").GetInt32()));
        var state = (await app.Services.GetRequiredService<AccountStore>().GetAsync("acme-co", CancellationToken.None))!.State.Decode();
        Assert.Equal(42, Assert.Single(state.Buckets("seats_purchased")).Sum);
    }

    [Fact]
    public async Task EventOlderThanTheSignalRetention_Is202_StoresNothing_AndSaysWhy()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = Edit("stripe-invoice-payment-failed.json", o => o["created"] = WebhookSigner.Now.AddDays(-SignalState.RetentionDays - 20).ToUnixTimeSeconds());

        var response = await WebhookClient.PostSignedAsync(http, app, "stripe", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal(("parked", 0), (result.GetProperty("status").GetString(), result.GetProperty("accepted").GetInt32()));
        var skipped = Assert.Single(result.GetProperty("skipped").EnumerateArray());
        Assert.Equal(("created", "payment_failures", "acme-co"),
            (skipped.GetProperty("field").GetString(), skipped.GetProperty("metric").GetString(), skipped.GetProperty("accountId").GetString()));
        Assert.Contains($"{SignalState.RetentionDays}-day", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.Services.GetRequiredService<AccountStore>().GetAsync("acme-co", CancellationToken.None));
    }

    [Fact]
    public async Task ValueBeyondTheSignalMagnitude_Is202_SkippedAndSaid_NeverClampedSilently()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = Edit("standard-signal.json", o => o["data"]!["value"] = 1e308);

        var response = await WebhookClient.PostSignedAsync(http, app, "standard", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal(("parked", 0), (result.GetProperty("status").GetString(), result.GetProperty("accepted").GetInt32()));
        var skipped = Assert.Single(result.GetProperty("skipped").EnumerateArray());
        Assert.Equal(("data.value", "csm_pulse"), (skipped.GetProperty("field").GetString(), skipped.GetProperty("metric").GetString()));
        Assert.Contains("1e15", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await WebhookClient.CountAsync(app, "acme-co", "csm_pulse"));
    }

    [Fact]
    public async Task PartlyUsableDelivery_StoresWhatItCan_AndIsListedAsPartial()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = Edit("zendesk-ticket-created.json", o => o["detail"]!["priority"] = "SOMEWHAT");

        var response = await WebhookClient.PostSignedAsync(http, app, "zendesk", body);
        var listed = await JsonAsync(await http.GetAsync("/api/webhooks/deliveries?status=partial"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal(("partial", 1), (result.GetProperty("status").GetString(), result.GetProperty("accepted").GetInt32()));
        Assert.Equal("detail.priority", Assert.Single(result.GetProperty("skipped").EnumerateArray()).GetProperty("field").GetString());
        Assert.Equal(1, await WebhookClient.CountAsync(app, "acme-co", "tickets_opened"));
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(("zendesk", result.GetProperty("deliveryId").GetString()), (item.GetProperty("source").GetString(), item.GetProperty("deliveryId").GetString()));
    }

    [Fact]
    public async Task UnknownEventType_IsIgnored_With202_AndNotListed()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = Edit("stripe-invoice-payment-failed.json", o => o["type"] = "charge.succeeded");

        var response = await WebhookClient.PostSignedAsync(http, app, "stripe", body);
        var listed = await JsonAsync(await http.GetAsync("/api/webhooks/deliveries?status=parked"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", (await JsonAsync(response)).GetProperty("status").GetString());
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task UnmappableDeliveries_AreParked_ListedInPages_AndStoredByAReplayAfterTheMappingIsFixed()
    {
        var mappingFile = Path.Combine(Path.GetTempPath(), $"webhooks-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(mappingFile, """
            { "version": "wrong-path", "sources": { "stripe": { "eventId": "id", "timestamp": "created", "rules": [
              { "when": { "type": "invoice.payment_failed" }, "accountId": "data.object.subscription_details.metadata.account_id",
                "metric": "payment_failures", "value": { "path": "data.object.attempts" } } ] } } }
            """);
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        try
        {
            await using (var before = App(prefix, mappingFile))
            {
                using var http = before.CreateClient();
                foreach (var id in new[] { "evt_a", "evt_b", "evt_c" })
                {
                    var response = await WebhookClient.PostSignedAsync(http, before, "stripe", Edit("stripe-invoice-payment-failed.json", o => o["id"] = id));
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    Assert.Equal("parked", (await JsonAsync(response)).GetProperty("status").GetString());
                }

                var first = await JsonAsync(await http.GetAsync("/api/webhooks/deliveries?status=parked&source=stripe&top=2"));
                var next = first.GetProperty("continuation").GetString();
                var second = await JsonAsync(await http.GetAsync($"/api/webhooks/deliveries?status=parked&top=2&continuation={Uri.EscapeDataString(next!)}"));
                var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
                    .Select(i => i.GetProperty("deliveryId").GetString()).Order().ToList();
                Assert.Equal(["evt_a", "evt_b", "evt_c"], ids);
                Assert.Equal("data.object.attempts", first.GetProperty("items")[0].GetProperty("skipped")[0].GetProperty("field").GetString());
            }

            await using var after = App(prefix);
            using var client = after.CreateClient();
            var one = await client.PostAsync("/api/ops/replay?source=stripe&deliveryId=evt_b", null);
            var unknown = await client.PostAsync("/api/ops/replay?source=stripe&deliveryId=evt_zzz", null);
            var rest = await client.PostAsync("/api/ops/replay?status=parked", null);
            var left = await JsonAsync(await client.GetAsync("/api/webhooks/deliveries?status=parked"));

            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Equal((1, 1, 0), Counts(await JsonAsync(one)));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal((2, 2, 0), Counts(await JsonAsync(rest)));
            Assert.Empty(left.GetProperty("items").EnumerateArray());
            Assert.Equal(3, await WebhookClient.CountAsync(after, "acme-co", "payment_failures"));
        }
        finally
        {
            File.Delete(mappingFile);
        }

        static (int, int, int) Counts(JsonElement summary) =>
            (summary.GetProperty("deliveries").GetInt32(), summary.GetProperty("accepted").GetInt32(), summary.GetProperty("parked").GetInt32());
    }

    [Theory]
    [InlineData("status=stored")]
    [InlineData("status=parked&top=0")]
    [InlineData("status=parked&top=1001")]
    [InlineData("status=parked&source=mailchimp")]
    [InlineData("status=parked&continuation=%25%25not-a-token")]
    public async Task Listing_WithBadParameters_Is400(string query)
    {
        await using var app = App();
        using var http = app.CreateClient();

        var response = await http.GetAsync($"/api/webhooks/deliveries?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("source=stripe")]
    [InlineData("source=stripe&from=2026-11-01&status=parked")]
    [InlineData("status=stored")]
    [InlineData("status=parked&source=mailchimp")]
    [InlineData("deliveryId=evt_1")]
    [InlineData("source=stripe&deliveryId=")]
    public async Task Replay_WithBadParameters_Is400(string query)
    {
        await using var app = App();
        using var http = app.CreateClient();

        var response = await http.PostAsync($"/api/ops/replay?{query}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
