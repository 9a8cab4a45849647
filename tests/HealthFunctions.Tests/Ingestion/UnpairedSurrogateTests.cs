using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.Tests.Webhooks;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Ingestion;

/// <summary>
/// Finding 1 of issue 14: an unpaired UTF-16 surrogate escape (<c>"\ud800"</c>, what JavaScript leaves when it cuts a
/// string inside an emoji) in any JSON string. The API answers 400 naming the field; a verified webhook is accepted
/// with the text repaired. Never a 500.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UnpairedSurrogateTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string, string, string> ApiBodies() => new()
    {
        { "POST", "/api/signals", """{"accountId":"acme\ud800","metric":"logins","value":1}""", "accountId" },
        { "POST", "/api/signals", """{"signals":[{"accountId":"acme","metric":"logins","value":1,"source":"x\udc00y"}]}""", "signals[0].source" },
        { "POST", "/api/signals", """[{"accountId":"acme","metric":"logins","value":1,"timestamp":"2026-11-23T09:00:00Z\ud83d"}]""", "[0].timestamp" },
        { "POST", "/api/signals", """{"accountId":"acme","\ud800":1,"metric":"logins","value":1}""", "\ufffd" },
        { "PUT", "/api/accounts/acme", """{"name":"Acme \ud83d","segment":"SMB"}""", "name" },
        { "PUT", "/api/accounts/acme", """{"renewalDate":"\ude00"}""", "renewalDate" },
        { "POST", "/api/outcomes", """{"outcomes":[{"accountId":"acme","date":"2026-11-01","outcome":"renewed\ud800"}]}""", "outcomes[0].outcome" },
        { "POST", "/api/models/activate", """{"version":"v1\ud800"}""", "version" },
    };

    [Theory]
    [MemberData(nameof(ApiBodies))]
    public async Task Api_StringWithAnUnpairedSurrogate_Is400NamingTheField_AndStoresNothing(string method, string path, string json, string field)
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now);
        using var http = app.CreateClient();

        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains(field, fields);
        Assert.Null(await app.Services.GetRequiredService<AccountStore>().GetAsync("acme", CancellationToken.None));
    }

    public static TheoryData<string, string, string, string> WebhookBodies() => new()
    {
        // In the account id the rule reads: the rule cannot name an account, so nothing is stored.
        { "segment", "segment-track.json", "\"groupId\": \"acme-co\"", "\"groupId\": \"acme-co\\ud800\"" },
        { "stripe", "stripe-invoice-payment-failed.json", "\"account_id\": \"acme-co\"", "\"account_id\": \"acme-co\\udfff\"" },
        { "zendesk", "zendesk-ticket-created.json", "\"organization_id\": \"acme-co\"", "\"organization_id\": \"acme-co\\ud83d\"" },
        { "nps", "nps-survey-response.json", "\"account_id\": \"acme-co\"", "\"account_id\": \"\\ud800acme-co\"" },
        { "standard", "standard-signal.json", "\"accountId\": \"acme-co\"", "\"accountId\": \"acme-co\\ud800\"" },
        // In a property name, which every lookup of a missing property compares with.
        { "segment", "segment-group.json", "\"industry\":", "\"ind\\ud800ustry\":" },
        { "stripe", "stripe-invoice-payment-failed.json", "\"livemode\":", "\"live\\udc00mode\":" },
        { "zendesk", "zendesk-ticket-solved.json", "\"subject\": \"zen", "\"\\ud800\": \"zen" },
    };

    [Theory]
    [MemberData(nameof(WebhookBodies))]
    public async Task Webhook_StringWithAnUnpairedSurrogate_IsAccepted_NeverA500(string source, string fixture, string find, string replace)
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        var text = Encoding.UTF8.GetString(WebhookSigner.Fixture(fixture));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(text.Replace(find, replace, StringComparison.Ordinal));

        var response = await WebhookClient.PostSignedAsync(http, app, source, body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task SegmentGroup_NameWithAnUnpairedSurrogate_IsStoredWithTheReplacementCharacter()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        var text = Encoding.UTF8.GetString(WebhookSigner.Fixture("segment-group.json")).Replace("\"Acme Co\"", "\"Acme Co \\ud83d\"", StringComparison.Ordinal);

        var response = await WebhookClient.PostSignedAsync(http, app, "segment", Encoding.UTF8.GetBytes(text));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var profile = (await app.Services.GetRequiredService<AccountStore>().GetAsync("acme-co", CancellationToken.None))!.Profile;
        Assert.Equal("Acme Co \ufffd", profile.Name);
    }
}
