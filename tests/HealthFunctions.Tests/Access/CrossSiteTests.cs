using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using HealthFunctions.Access;
using HealthFunctions.Local;
using HealthFunctions.Tests.Support;
using HealthFunctions.Tests.Webhooks;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace HealthFunctions.Tests.Access;

/// <summary>
/// What a cross-site form could send is refused: state-changing routes take application/json only (415 otherwise;
/// outcomes also take text/csv; webhooks take what their senders send), and in AppService mode they need
/// X-Requested-With (or a bearer token), which a form cannot set. The open workspace answers loopback only.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrossSiteTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const string Pulse = """{"value":3,"expiresOn":"2026-11-30","author":"ceo@contoso.com"}""";

    private static StringContent Body(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task AFormsMediaType_Is415_AndStoresNothing(string mediaType)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsJsonAsync("/api/accounts/acme", new { name = "Acme" })).StatusCode);

        var response = await http.PostAsync("/api/accounts/acme/pulse", Body(Pulse, mediaType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var account = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/accounts/acme");
        Assert.False(account.TryGetProperty("pulse", out _));
    }

    [Fact]
    public async Task Json_IsTaken_OutcomesAlsoTakeCsv_WebhooksTakeWhatTheirSendersSend()
    {
        await using var app = new PipelineApp(azurite, Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        await http.PutAsJsonAsync("/api/accounts/acme", new { name = "Acme" });

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/accounts/acme/pulse", Body(Pulse, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/outcomes", Body("accountId,date,outcome\nacme,2026-10-01,renewed\n", "text/csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync("/api/signals", Body("accountId,metric,value\nacme,logins,3\n", "text/csv"))).StatusCode);
        var webhook = """{"type":"track","event":"Logged In","userId":"u1","context":{"groupId":"acme"},"messageId":"m-1","timestamp":"2026-11-02T08:00:00Z"}"""u8.ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/segment") { Content = new ByteArrayContent(webhook) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        foreach (var (name, value) in WebhookSigner.Headers("segment", webhook, Now, "m-1"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task InAzureMode_AWriteWithoutXRequestedWith_Is403_AndWithItOrABearerToken_Passes()
    {
        await using var app = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        using var carl = app.CreateClient().As("carl@contoso.com", AppRoles.Csm);
        await carl.PutAsJsonAsync("/api/accounts/acme", new { name = "Acme" });
        carl.DefaultRequestHeaders.Remove(AccessGuard.RequestedWithHeader);

        var bare = await carl.PostAsync("/api/accounts/acme/pulse", Body(Pulse, "application/json"));
        var end = await carl.DeleteAsync("/api/accounts/acme/pulse");
        var read = await carl.GetAsync("/api/accounts/acme");
        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/acme/pulse") { Content = Body(Pulse, "application/json") };
        withHeader.Headers.Add(AccessGuard.RequestedWithHeader, "XMLHttpRequest");
        using var withBearer = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/acme/pulse") { Content = Body(Pulse, "application/json") };
        withBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "a-token-app-service-validated");

        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Contains(AccessGuard.RequestedWithHeader, await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode); // reads change nothing and need no header
        Assert.Equal(HttpStatusCode.OK, (await carl.SendAsync(withHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carl.SendAsync(withBearer)).StatusCode);
    }

    [Fact]
    public async Task TheOpenWorkspace_RefusesToStartOnANonLoopbackListener()
    {
        await using var open = LocalRunner.Build(KestrelRunner.Arguments(azurite, "http://0.0.0.0:0"));
        await using var signedIn = LocalRunner.Build(KestrelRunner.Arguments(azurite, "http://0.0.0.0:0", "--HealthFunctions:Auth:Mode", "AppService"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => open.StartAsync());
        await signedIn.StartAsync(); // behind App Service authentication any listener will do
        await signedIn.StopAsync();

        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenWorkspace_RefusesAClientForwardedFromAnotherMachine()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.10");

        var response = await http.GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("loopback", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void LocalMode_IsRefusedWhereAppServiceRunsTheApp_AndAppServiceModeWhereItsAuthenticationIsOff()
    {
        var local = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HealthFunctions:Auth:Mode"] = "Local" }).Build();
        var unset = new ConfigurationBuilder().Build();

        Assert.Throws<InvalidOperationException>(() => AccessMode.Read(local, localRunner: false, v => v == "WEBSITE_INSTANCE_ID" ? "abc" : null));
        Assert.Throws<InvalidOperationException>(() => AccessMode.Read(unset, localRunner: false, v => v == "WEBSITE_AUTH_ENABLED" ? "False" : null));
        Assert.False(AccessMode.Read(unset, localRunner: false, _ => null).IsOpen); // the Functions host's default
        Assert.True(AccessMode.Read(unset, localRunner: true, _ => null).IsOpen); // the local runner's default
    }
}
