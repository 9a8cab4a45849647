using System.Net;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Dashboard;

/// <summary>GET /api/dashboard/...: the embedded static files, with their types, caching and security headers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DashboardFunctionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Root_RedirectsToTheFolder_AndServesTheIndexWithAStrictPolicy()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var bare = await http.GetAsync("/api/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/api/dashboard/", bare.Headers.Location?.OriginalString);

        var index = await http.GetAsync("/api/dashboard/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("vendor/chart.umd.min.js", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = string.Join(";", index.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", index.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Files_HaveTheirContentTypes_AnETag_AndA304WhenUnchanged()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        var chart = await http.GetAsync("/api/dashboard/vendor/chart.umd.min.js");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("text/javascript", chart.Content.Headers.ContentType?.MediaType);
        Assert.True((await chart.Content.ReadAsByteArrayAsync()).Length > 100_000);
        Assert.Equal("text/css", (await http.GetAsync("/api/dashboard/app.css")).Content.Headers.ContentType?.MediaType);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/vendor/chart.umd.min.js");
        again.Headers.IfNoneMatch.Add(chart.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownFile_Is404WithAProblem()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        var response = await http.GetAsync("/api/dashboard/../secrets.json");
        var missing = await http.GetAsync("/api/dashboard/js/nothing.js");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
