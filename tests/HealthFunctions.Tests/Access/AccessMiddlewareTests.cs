using System.Text.Json;
using HealthFunctions.Access;
using HealthFunctions.Hosting;
using HealthFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace HealthFunctions.Tests.Access;

/// <summary>
/// The isolated worker's pipeline as Program.cs builds it (ProblemMiddleware, then AccessMiddleware, then the function),
/// against a mocked FunctionContext: the same guard as the local runner, answered as problem+json.
/// </summary>
public sealed class AccessMiddlewareTests
{
    private static readonly AccessGuard Azure = new(AccessMode.AppService, FunctionAccess.Load(typeof(AccessGuard).Assembly));

    private static async Task<(HttpContext Http, bool Ran, Principal? Caller)> InvokeAsync(string function, Action<HttpRequest> request)
    {
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        request(http.Request);
        var (context, features) = WorkerContext.Create(http, function);
        var ran = false;
        Principal? caller = null;
        var access = new AccessMiddleware(Azure);
        await new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance).Invoke(context.Object, c => access.Invoke(c, _ =>
        {
            ran = true;
            caller = Caller.Of(http.Request);
            return Task.CompletedTask;
        }));
        if (features.InvocationResult is IResult result)
        {
            await result.ExecuteAsync(http);
        }

        return (http, ran, caller);
    }

    [Fact]
    public async Task WithoutAPrincipal_TheFunctionDoesNotRun_And401ProblemJsonIsTheAnswer()
    {
        var (http, ran, _) = await InvokeAsync("GetAccount", r => r.Path = "/api/accounts/acme");

        Assert.False(ran);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheRole_TheFunctionRuns_AndSeesItsCaller()
    {
        var (_, ran, caller) = await InvokeAsync("SetOverride", r =>
        {
            r.Method = "POST";
            r.Path = "/api/accounts/acme/override";
            r.ContentType = "application/json";
            r.Headers[ClientPrincipal.Header] = ClientPrincipal.Encode("carl@contoso.com", "oid-2", [AppRoles.Csm]);
            r.Headers[AccessGuard.RequestedWithHeader] = "XMLHttpRequest";
        });

        Assert.True(ran);
        Assert.Equal(("carl@contoso.com", "oid-2"), (caller!.Name, caller.ObjectId));
    }

    [Fact]
    public async Task WithAnotherRole_403_AndAnOpenRouteNeedsNone()
    {
        var (denied, ran, _) = await InvokeAsync("ActivateModel", r =>
        {
            r.Method = "POST";
            r.Headers[ClientPrincipal.Header] = ClientPrincipal.Encode("carl@contoso.com", "oid-2", [AppRoles.Csm]);
        });
        var (_, healthz, _) = await InvokeAsync("Healthz", r => r.Path = "/api/healthz");

        Assert.False(ran);
        Assert.Equal(403, denied.Response.StatusCode);
        denied.Response.Body.Position = 0;
        Assert.Equal("Not allowed.", JsonDocument.Parse(denied.Response.Body).RootElement.GetProperty("title").GetString());
        Assert.True(healthz);
    }

    [Fact]
    public async Task ADotSegmentPath_Is400_EvenOnAnOpenRoute()
    {
        var (http, ran, _) = await InvokeAsync("Healthz", r => r.Headers["X-Original-URL"] = "/api/healthz/%2e%2e/accounts/demo-0001");

        Assert.False(ran);
        Assert.Equal(400, http.Response.StatusCode);
    }
}
