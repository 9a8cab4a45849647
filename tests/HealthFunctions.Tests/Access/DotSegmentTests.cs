using HealthFunctions.Access;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Access;

/// <summary>
/// Paths with dot segments, raw or percent-encoded, are refused with 400 before routing. The two paths the attack test
/// found served by the accounts route are sent byte for byte to the local runner on Kestrel, where they were served.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DotSegmentTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("/api/webhooks/stripe/%2e%2e/%2e%2e/accounts/demo-0001")]
    [InlineData("/api/healthz/../accounts/demo-0001")]
    [InlineData("/api/healthz/%2E%2e/accounts/demo-0001")]
    [InlineData("/api/healthz/.%2e/accounts/demo-0001")]
    [InlineData("/api/healthz/%252e%252e/accounts/demo-0001")]
    [InlineData("/api/webhooks/stripe%2f..%2faccounts/demo-0001")]
    [InlineData("/api/webhooks/stripe%2F%2E%2E%2Faccounts/demo-0001")]
    [InlineData("/api/healthz%5c..%5caccounts/demo-0001")]
    [InlineData("/api/healthz\\..\\accounts/demo-0001")]
    [InlineData("/api/./accounts/demo-0001")]
    public async Task APathWithDotSegments_Is400_BeforeAnyRouteServesIt(string target)
    {
        await using var runner = await KestrelRunner.StartAsync(azurite);
        await runner.RawAsync("PUT", "/api/accounts/demo-0001", """{"name":"Demo"}""");

        var (status, body) = await runner.RawAsync("GET", target);

        Assert.True(status == 400, $"GET {target}: {status} {body}");
        Assert.Contains("\"field\":\"path\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameRoutesWithoutDotSegments_AreServed()
    {
        await using var runner = await KestrelRunner.StartAsync(azurite);
        await runner.RawAsync("PUT", "/api/accounts/demo-0001", """{"name":"Demo"}""");

        Assert.Equal(200, (await runner.RawAsync("GET", "/api/accounts/demo-0001")).Status);
        Assert.Equal(200, (await runner.RawAsync("GET", "/api/healthz")).Status);
    }

    [Theory]
    [InlineData("/api/accounts/acme", null)]
    [InlineData("/api/dashboard/js/app.js?x=../y", null)]
    [InlineData("/api/accounts/..", "dot segments")]
    [InlineData("/api/accounts/%2E", "dot segments")]
    [InlineData("/api/accounts/%25252e%25252e", "dot segments")]
    [InlineData("/api/a%2fb", "encoded slash")]
    [InlineData("/api/a%5Cb", "encoded slash")]
    [InlineData("/api/a\\b", "backslash")]
    public void Problem_NamesWhatIsWrong(string target, string? problem)
    {
        var found = DotSegments.Problem(target);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }
}
