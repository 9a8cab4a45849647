using System.Net;
using Azure.Data.Tables;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>
/// Finding 5 of issue 14: the replay guard keyed on the raw signature header, so a rewritten header (one more v1 entry,
/// another order, a space) passed as new, and ten concurrent identical deliveries were all accepted. The guard keys on
/// what the signature vouches for (the message id and the signed timestamp) and claims it atomically.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookReplayGuardTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string, string> RewrittenHeaders() => new()
    {
        { "stripe", "Stripe-Signature", "{0},v1=00ff" },
        { "stripe", "Stripe-Signature", "v0=cafe,{0}" },
        { "stripe", "Stripe-Signature", "REORDER" },
        { "stripe", "Stripe-Signature", "SPACES" },
        { "standard", "webhook-signature", "{0} v1,AAAA" },
        { "standard", "webhook-signature", "v1,AAAA {0}" },
        { "standard", "webhook-signature", "{0}  " },
        { "nps", "webhook-signature", "v2,abcd {0}" },
    };

    [Theory]
    [MemberData(nameof(RewrittenHeaders))]
    public async Task Replay_WithTheSignatureHeaderRewritten_IsStillRefused(string source, string header, string rewrite)
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture(Fixture(source));
        var headers = WebhookSigner.Headers(source, body, app.Clock.GetUtcNow());
        var replayed = new Dictionary<string, string>(headers) { [header] = Rewrite(headers[header], rewrite) };

        var first = await WebhookClient.PostAsync(http, source, body, headers);
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var replay = await WebhookClient.PostAsync(http, source, body, replayed);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Theory]
    [InlineData("stripe")]
    [InlineData("zendesk")]
    [InlineData("standard")]
    public async Task TenConcurrentIdenticalDeliveries_ExactlyOneIsAccepted(string source)
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture(Fixture(source));
        var headers = WebhookSigner.Headers(source, body, app.Clock.GetUtcNow());
        using var start = new SemaphoreSlim(0);

        var posts = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return (await WebhookClient.PostAsync(http, source, body, headers)).StatusCode;
        })).ToList();
        start.Release(10);
        var statuses = await Task.WhenAll(posts);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("stripe")]
    [InlineData("zendesk")]
    [InlineData("standard")]
    public async Task Redelivery_WithAFreshTimestamp_IsAccepted_AfterTheFirstWasClaimed(string source)
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture(Fixture(source));

        var first = await WebhookClient.PostAsync(http, source, body, WebhookSigner.Headers(source, body, app.Clock.GetUtcNow(), "msg_1"));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var redelivery = await WebhookClient.PostAsync(http, source, body, WebhookSigner.Headers(source, body, app.Clock.GetUtcNow(), "msg_1"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, redelivery.StatusCode));
    }

    private static string Fixture(string source) => source switch
    {
        "stripe" => "stripe-invoice-payment-failed.json",
        "zendesk" => "zendesk-ticket-created.json",
        "nps" => "nps-survey-response.json",
        _ => "standard-signal.json",
    };

    private static string Rewrite(string value, string rewrite) => rewrite switch
    {
        "REORDER" => string.Join(',', value.Split(',').Reverse()),
        "SPACES" => value.Replace(",", ", ", StringComparison.Ordinal),
        _ => string.Format(System.Globalization.CultureInfo.InvariantCulture, rewrite, value),
    };

    [Fact]
    public async Task StorageRefusingAfterTheClaim_IsNot503_AndGivesTheClaimBack_SoAnIdenticalRetryIsNoReplay()
    {
        // The parked list points at a table whose name the service refuses: the last write of every delivery fails, with a
        // 4xx that no retry cures, so the answer is a 500 (not a 503 inviting retries forever); the claim is given back.
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings(), s => s.AddSingleton(sp => new ParkedDeliveries(
            sp.GetRequiredService<TableServiceClient>(), new TableNames(Options.Create(new PipelineOptions { StoragePrefix = "no-such_" })))));
        using var http = app.CreateClient();
        var body = WebhookSigner.Fixture("stripe-invoice-payment-failed.json");
        var headers = WebhookSigner.Headers("stripe", body, app.Clock.GetUtcNow());

        var first = await WebhookClient.PostAsync(http, "stripe", body, headers);
        var retry = await WebhookClient.PostAsync(http, "stripe", body, headers);

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError), (first.StatusCode, retry.StatusCode));
        var claims = app.Services.GetRequiredService<TableServiceClient>().GetTableClient(app.Services.GetRequiredService<TableNames>().WebhookDeliveries);
        Assert.Empty(await claims.QueryAsync<TableEntity>().ToListAsync());
    }
}
