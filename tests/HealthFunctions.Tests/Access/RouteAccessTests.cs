using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Access;
using HealthFunctions.Local;
using HealthFunctions.Tests.Infra;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Access;

/// <summary>
/// Authorization in the app, in AppService mode (as in Azure): every route but the open ones needs the principal App
/// Service authentication passes (401 without), and the app role its class names (403 without); each role is tried
/// against each route class, and against every HTTP function on its route.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RouteAccessTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>No roles, one role each, and the roles the classes admit.</summary>
    public static TheoryData<RouteClass, string?, bool> Classes()
    {
        var data = new TheoryData<RouteClass, string?, bool>();
        var expected = new Dictionary<RouteClass, string?[]>
        {
            [RouteClass.Open] = [null, AppRoles.Reader, AppRoles.Csm, AppRoles.Admin],
            [RouteClass.SignedIn] = [null, AppRoles.Reader, AppRoles.Csm, AppRoles.Admin],
            [RouteClass.Read] = [AppRoles.Reader, AppRoles.Csm, AppRoles.Admin],
            [RouteClass.CsmWrite] = [AppRoles.Csm, AppRoles.Admin],
            [RouteClass.Admin] = [AppRoles.Admin],
        };
        foreach (var (routeClass, admitted) in expected)
        {
            foreach (var role in new string?[] { null, AppRoles.Reader, AppRoles.Csm, AppRoles.Admin })
            {
                data.Add(routeClass, role, admitted.Contains(role));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void EachRole_AgainstEachRouteClass(RouteClass routeClass, string? role, bool admitted)
    {
        var principal = new Principal("someone@contoso.com", "oid", role is null ? [] : [role]);

        Assert.Equal(admitted, AccessGuard.Admits(routeClass, principal));
    }

    [Fact]
    public void EveryHttpFunction_DeclaresItsRouteClass_AndOnlyTheRoutesSignInLetsThroughAreOpen()
    {
        var access = FunctionAccess.Load(typeof(AccessGuard).Assembly);
        var catalog = FunctionCatalog.Load(typeof(AccessGuard).Assembly, "api");

        Assert.Empty(access.Undeclared);
        // The open functions answer exactly on the paths infra/ excludes from App Service authentication.
        var open = catalog.Http.Where(f => access.Of(f.Name).RouteClass == RouteClass.Open).Select(f => f.Name).Order().ToList();
        Assert.Equal(["Healthz", "ReceiveWebhook"], open);
        var excluded = BicepFile.StringItems(BicepFile.Load("modules", "function-app.bicep").Variable("anonymousPaths"));
        Assert.All(excluded, p => Assert.True(p == "/api/healthz" || p.StartsWith("/api/webhooks/", StringComparison.Ordinal), p));
    }

    [Fact]
    public async Task EveryHttpFunction_OnItsRoute_AdmitsExactlyTheRolesOfItsClass()
    {
        await using var app = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var access = app.Services.GetRequiredService<FunctionAccess>();
        var principals = new (string Label, string? Header)[]
        {
            ("no principal", null),
            ("no role", ClientPrincipal.Encode("nobody@contoso.com", "oid-0", [])),
            (AppRoles.Reader, ClientPrincipal.Encode("rita@contoso.com", "oid-1", [AppRoles.Reader])),
            (AppRoles.Csm, ClientPrincipal.Encode("carl@contoso.com", "oid-2", [AppRoles.Csm])),
            (AppRoles.Admin, ClientPrincipal.Encode("ada@contoso.com", "oid-3", [AppRoles.Admin])),
        };

        using var http = app.CreateClient();
        var failures = new List<string>();
        foreach (var function in catalog.Http)
        {
            var routeClass = access.Of(function.Name).RouteClass;
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(catalog.PatternOf(function).TrimStart('/'), @"\{[^}]+\}", "stripe");
            foreach (var (label, header) in principals)
            {
                using var request = new HttpRequestMessage(new HttpMethod(function.Http!.Methods[0]), path);
                if (request.Method != HttpMethod.Get)
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                request.Headers.Add(AccessGuard.RequestedWithHeader, "XMLHttpRequest");
                if (header is not null)
                {
                    request.Headers.Add(ClientPrincipal.Header, header);
                }

                using var response = await http.SendAsync(request);
                var refusedAs = await RefusalAsync(response);
                var roles = label is "no principal" or "no role" ? [] : new[] { label };
                var expected = routeClass == RouteClass.Open ? null
                    : header is null ? "401"
                    : AccessGuard.Admits(routeClass, new Principal("x", "y", roles)) ? null : "403";
                if (refusedAs != expected)
                {
                    failures.Add($"{function.Name} ({routeClass}) as {label}: expected {expected ?? "admitted"}, got {refusedAs ?? "admitted"} ({(int)response.StatusCode})");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task WithoutAPrincipal_InAzureMode_Is401ProblemJson_ForReadsAndWrites()
    {
        await using var app = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        using var http = app.CreateClient();

        foreach (var response in new[]
                 {
                     await http.GetAsync("/api/accounts"),
                     await http.GetAsync("/api/dashboard/"),
                     await http.PostAsJsonAsync("/api/accounts/acme/pulse", new { value = 3, expiresOn = "2026-11-30" }),
                 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Contains(ClientPrincipal.Header, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/healthz")).StatusCode); // open, as the liveness probe
    }

    [Fact]
    public async Task WithTheWrongRole_Is403ProblemJson_NamingTheRoleNeeded()
    {
        await using var app = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        using var reader = app.CreateClient().As("rita@contoso.com", AppRoles.Reader);
        using var csm = app.CreateClient().As("carl@contoso.com", AppRoles.Csm);

        var pulse = await reader.PostAsJsonAsync("/api/accounts/acme/pulse", new { value = 3, expiresOn = "2026-11-30" });
        var rescore = await csm.PostAsync("/api/ops/rescore", null);

        foreach (var (response, role) in new[] { (pulse, "csm"), (rescore, "admin") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
            Assert.Contains($"needs the {role}", detail, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/accounts")).StatusCode);
    }

    [Fact]
    public async Task AnUnreadablePrincipal_Is401()
    {
        await using var app = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, "bm90IGpzb24=");

        var response = await http.GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_AndHealthz_SayWhichModeIsInForce_AndWhoIsSignedIn()
    {
        await using var azure = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        await using var local = new PipelineApp(azurite, Now);
        using var ada = azure.CreateClient().As("ada@contoso.com", AppRoles.Admin);
        using var open = local.CreateClient();

        var me = await ada.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("azure", me.GetProperty("mode").GetString());
        Assert.Equal("ada@contoso.com", me.GetProperty("name").GetString());
        Assert.Equal(SignedIn.ObjectId("ada@contoso.com"), me.GetProperty("objectId").GetString());
        Assert.Equal(["reader", "csm", "admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("azure", (await ada.GetFromJsonAsync<JsonElement>("/api/healthz")).GetProperty("auth").GetString());

        var localMe = await open.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("local", localMe.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, localMe.GetProperty("name").ValueKind); // nobody signs in locally
        Assert.Equal(JsonValueKind.Null, localMe.GetProperty("objectId").ValueKind);
        Assert.Equal(["reader", "csm", "admin"], localMe.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("local", (await open.GetFromJsonAsync<JsonElement>("/api/healthz")).GetProperty("auth").GetString());
    }

    private static async Task<string?> RefusalAsync(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return null;
        }

        // A webhook's own 401 (a refused signature) is not an access refusal: tell them apart by the problem's title.
        var title = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
        return title is "Sign-in required." or "Not allowed." ? ((int)response.StatusCode).ToString() : null;
    }
}
