using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using HealthFunctions.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>The webhook endpoints in the real app against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookEndpointTests(AzuriteFixture azurite)
{
    private PipelineApp App(IDictionary<string, string?>? extra = null)
    {
        var settings = WebhookSigner.Settings();
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return new PipelineApp(azurite, WebhookSigner.Now, settings);
    }

    [Theory]
    [InlineData("segment", "segment-track.json", "logins")]
    [InlineData("segment", "segment-group-metrics.json", "active_users_pct")]
    [InlineData("stripe", "stripe-invoice-payment-failed.json", "payment_failures")]
    [InlineData("stripe", "stripe-subscription-updated.json", "seats_purchased")]
    [InlineData("stripe", "stripe-subscription-updated-multi-item.json", "seats_purchased")]
    [InlineData("stripe", "stripe-subscription-deleted.json", "subscription_canceled")]
    [InlineData("zendesk", "zendesk-ticket-created.json", "tickets_opened")]
    [InlineData("zendesk", "zendesk-ticket-priority-urgent.json", "escalations")]
    [InlineData("nps", "nps-ces-response.json", "ces")]
    [InlineData("zendesk", "zendesk-ticket-solved.json", "resolution_hours")]
    [InlineData("nps", "nps-survey-response.json", "nps")]
    [InlineData("standard", "standard-signal.json", "csm_pulse")]
    public async Task Post_SignedFixture_Is202_StoresTheSignal_AndArchivesTheBody(string source, string fixture, string metric)
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture(fixture);

        var response = await WebhookClient.PostSignedAsync(http, app, source, body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("accepted").GetInt32() >= 1);
        Assert.Equal(1, await WebhookClient.CountAsync(app, "acme-co", metric));
        var archive = app.Services.GetRequiredService<WebhookArchive>();
        var day = DateOnly.FromDateTime(WebhookSigner.Now.UtcDateTime);
        var archived = new List<(string Name, string DeliveryId)>();
        await foreach (var item in archive.ListAsync(source, day, day, CancellationToken.None))
        {
            archived.Add(item);
        }

        var (name, deliveryId) = Assert.Single(archived);
        Assert.Equal(result.GetProperty("deliveryId").GetString(), deliveryId);
        Assert.Equal(body, (await archive.ReadAsync(name, CancellationToken.None))!.Value.ToArray());
    }

    [Theory]
    [InlineData("stripe", "stripe-invoice-payment-failed.json", "payment_failures")]
    [InlineData("zendesk", "zendesk-ticket-created.json", "tickets_opened")]
    [InlineData("standard", "standard-signal.json", "csm_pulse")]
    [InlineData("segment", "segment-track.json", "logins")]
    public async Task Redelivery_WithAFreshSignature_Is202_AndCountsOnce(string source, string fixture, string metric)
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture(fixture);

        var first = await WebhookClient.PostAsync(http, source, body, WebhookSigner.Headers(source, body, app.Clock.GetUtcNow(), "msg_same"));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var again = await WebhookClient.PostAsync(http, source, body, WebhookSigner.Headers(source, body, app.Clock.GetUtcNow(), "msg_same"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, second.GetProperty("accepted").GetInt32());
        Assert.True(second.GetProperty("duplicates").GetInt32() >= 1);
        Assert.Equal(1, await WebhookClient.CountAsync(app, "acme-co", metric));
    }

    [Theory]
    [InlineData("stripe", "stripe-invoice-payment-failed.json")]
    [InlineData("zendesk", "zendesk-ticket-created.json")]
    [InlineData("standard", "standard-signal.json")]
    [InlineData("nps", "nps-survey-response.json")]
    public async Task Replay_OfTheSameSignedDelivery_Is401(string source, string fixture)
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture(fixture);
        var headers = WebhookSigner.Headers(source, body, app.Clock.GetUtcNow());

        var first = await WebhookClient.PostAsync(http, source, body, headers);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var replay = await WebhookClient.PostAsync(http, source, body, headers);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("segment")]
    [InlineData("stripe")]
    [InlineData("zendesk")]
    [InlineData("nps")]
    [InlineData("standard")]
    public async Task BadMissingOrStaleSignature_Is401_AndStoresNothing(string source)
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture(source switch
        {
            "segment" => "segment-track.json",
            "stripe" => "stripe-invoice-payment-failed.json",
            "zendesk" => "zendesk-ticket-created.json",
            "nps" => "nps-survey-response.json",
            _ => "standard-signal.json",
        });

        var wrongSecret = await WebhookClient.PostAsync(http, source, body,
            WebhookSigner.Headers(source, body, app.Clock.GetUtcNow(), secret: "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("not-it"))));
        var missing = await WebhookClient.PostAsync(http, source, body, new Dictionary<string, string>());
        var stale = await WebhookClient.PostAsync(http, source, body, WebhookSigner.Headers(source, body, app.Clock.GetUtcNow().AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        // Segment signs no timestamp, so a "stale" Segment delivery is simply a valid one.
        Assert.Equal(source == "segment" ? HttpStatusCode.Accepted : HttpStatusCode.Unauthorized, stale.StatusCode);
        if (source != "segment")
        {
            Assert.Null(await app.Services.GetRequiredService<AccountStore>().GetAsync("acme-co", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Rotation_SecondarySecret_IsAccepted()
    {
        var next = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("rotated-secret"));
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings(new Dictionary<string, string> { ["stripe"] = next }));
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture("stripe-invoice-payment-failed.json");

        var response = await WebhookClient.PostAsync(http, "stripe", body, WebhookSigner.Headers("stripe", body, app.Clock.GetUtcNow(), secret: next));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "{\"type\":\"track\",", "$" },
        { new string('[', 100) + new string(']', 100), "$" },
        { "{\"type\":\"track\",\"messageId\":NaN,\"context\":{\"groupId\":\"acme\"}}", "$" },
        { "", "$" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedJson_Is400_AndStoresNothing(string json, string field)
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = Encoding.UTF8.GetBytes(json);

        var response = await WebhookClient.PostSignedAsync(http, app, "segment", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Null(await app.Services.GetRequiredService<AccountStore>().GetAsync("acme", CancellationToken.None));
    }

    public static TheoryData<string, string> UnusableBodies() => new()
    {
        { "{\"type\":\"track\",\"event\":\"Signed In\",\"messageId\":\"m1\",\"context\":{\"groupId\":\"acme#1\"}}", "context.groupId" },
        { "{\"type\":\"track\",\"event\":\"Signed In\",\"messageId\":\"m1\",\"context\":{\"groupId\":\"" + new string('a', 300) + "\"}}", "context.groupId" },
        { "{\"type\":\"track\",\"event\":\"Signed In\",\"messageId\":\"m1\",\"timestamp\":\"2099-01-01T00:00:00Z\",\"context\":{\"groupId\":\"acme\"}}", "timestamp" },
        { "{\"type\":\"track\",\"event\":\"Signed In\",\"messageId\":\"m1\",\"timestamp\":\"1970-01-01T00:00:00Z\",\"context\":{\"groupId\":\"acme\"}}", "timestamp" },
        { "{\"type\":\"track\",\"event\":\"Signed In\",\"messageId\":[1],\"context\":{\"groupId\":\"acme\"}}", "messageId" },
        { "[1,2,3]", "$" },
    };

    [Theory]
    [MemberData(nameof(UnusableBodies))]
    public async Task VerifiedButUnusableBody_Is202Parked_NamingTheField_AndStoresNothing(string json, string field)
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = Encoding.UTF8.GetBytes(json);

        var response = await WebhookClient.PostSignedAsync(http, app, "segment", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("parked", result.GetProperty("status").GetString());
        Assert.Contains(result.GetProperty("skipped").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Null(await app.Services.GetRequiredService<AccountStore>().GetAsync("acme", CancellationToken.None));
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var body = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 1024 * 1024 + 10) + "\"}");

        var response = await WebhookClient.PostSignedAsync(http, app, "standard", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownSource_Is404()
    {
        await using var app = App();
        using var http = app.CreateClient();

        var response = await WebhookClient.PostAsync(http, "mailchimp", [(byte)'{', (byte)'}'], new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SegmentGroup_SetsProfileFields_AndALaterPartialGroupKeepsTheRest()
    {
        await using var app = App();
        using var http = app.CreateClient();

        var full = await WebhookClient.PostSignedAsync(http, app, "segment", WebhookSigner.Fixture("segment-group.json"));
        var partial = await WebhookClient.PostSignedAsync(http, app, "segment",
            Encoding.UTF8.GetBytes("""{"type":"group","groupId":"acme-co","messageId":"m-2","traits":{"owner":"new-csm@example.com"}}"""));

        Assert.Equal(HttpStatusCode.Accepted, full.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, partial.StatusCode);
        var profile = (await app.Services.GetRequiredService<AccountStore>().GetAsync("acme-co", CancellationToken.None))!.Profile;
        Assert.Equal(("Acme Co", "Enterprise", "new-csm@example.com", new DateOnly(2027, 3, 31)), (profile.Name, profile.Segment, profile.Owner, profile.RenewalDate!.Value));
    }

    [Fact]
    public async Task AdminReplay_AfterAMappingFix_StoresWhatTheOldMappingMissed_AndIsIdempotent()
    {
        var mappingFile = Path.Combine(Path.GetTempPath(), $"webhooks-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(mappingFile, """
            { "version": "broken", "sources": { "stripe": { "eventId": "id", "rules": [
              { "when": { "type": "invoice.payment_failed" }, "accountId": "data.object.nothing_here", "metric": "payment_failures", "value": 1 } ] } } }
            """);
        var prefix = "r" + Guid.NewGuid().ToString("N")[..10];
        var body = WebhookSigner.Fixture("stripe-invoice-payment-failed.json");
        try
        {
            await using (var before = App(new Dictionary<string, string?> { ["HealthFunctions:StoragePrefix"] = prefix, ["HealthFunctions:WebhookMappingsPath"] = mappingFile }))
            {
                using var http = before.CreateClient();
                var posted = await WebhookClient.PostSignedAsync(http, before, "stripe", body);
                Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
                Assert.Equal(0, (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
            }

            await using var after = App(new Dictionary<string, string?> { ["HealthFunctions:StoragePrefix"] = prefix });
            using var client = after.CreateClient();
            var replay = await client.PostAsync("/api/ops/replay?source=stripe&from=2026-11-23&to=2026-11-23", null);
            var again = await client.PostAsync("/api/ops/replay?source=stripe&from=2026-11-22", null);
            var bad = await client.PostAsync("/api/ops/replay?source=stripe&from=2026-11-24", null);

            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            var summary = await replay.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((1, 1), (summary.GetProperty("deliveries").GetInt32(), summary.GetProperty("accepted").GetInt32()));
            var second = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((0, 1), (second.GetProperty("accepted").GetInt32(), second.GetProperty("duplicates").GetInt32()));
            Assert.Equal(1, await WebhookClient.CountAsync(after, "acme-co", "payment_failures"));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
        finally
        {
            File.Delete(mappingFile);
        }
    }
}
