using System.Net;
using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Accounts;

/// <summary>POST/DELETE /api/accounts/{id}/pulse and /override: stored, counted at the next dirty rescore, shown in the explanation, ended early or by expiry.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CsmInputsApiTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pulse_CountsFromTheNextDirtyRescore_ShowsInTheExplanation_AndEndsEarly()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);
        await RescoreAsync(http);
        await app.RunTimerAsync("RescoreDirty"); // nothing pending after the full run
        var before = await GetAsync(http, "/api/accounts/green-co/health");

        var (status, body) = await SendAsync(http, HttpMethod.Post, "/api/accounts/green-co/pulse",
            """{"value":2,"author":"dana","expiresOn":"2026-11-30","note":"champion left"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("pulse").GetProperty("value").GetDouble());
        Assert.Contains("dirty-rescore", body.GetProperty("takesEffect").GetString(), StringComparison.Ordinal);
        // Stored, not yet scored.
        var pending = await GetAsync(http, "/api/accounts/green-co");
        Assert.Equal("local (note: dana)", pending.GetProperty("pulse").GetProperty("author").GetString()); // open mode: no identity, the body's author a note
        Assert.False(pending.GetProperty("health").TryGetProperty("pulseApplied", out _));

        await app.RunTimerAsync("RescoreDirty");
        var after = await GetAsync(http, "/api/accounts/green-co/health");
        Assert.Equal(2, after.GetProperty("pulseApplied").GetProperty("value").GetDouble());
        var pulseMetric = after.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "csm_pulse");
        Assert.Equal("Pulse", pulseMetric.GetProperty("source").GetString());
        Assert.Equal(2, pulseMetric.GetProperty("raw").GetDouble());
        Assert.True(after.GetProperty("score").GetDouble() < before.GetProperty("score").GetDouble());
        Assert.Contains("CSM pulse 2 by local (note: dana) until 2026-11-30 (champion left)", after.GetProperty("explanation").GetProperty("adjustment").GetString(), StringComparison.Ordinal);
        var list = await GetAsync(http, "/api/accounts?q=green-co");
        Assert.Equal("pulse", list.GetProperty("accounts")[0].GetProperty("adjusted").GetString());

        // The same request again changes nothing; DELETE ends it at the next dirty rescore.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, "/api/accounts/green-co/pulse",
            """{"value":2,"author":"dana","expiresOn":"2026-11-30","note":"champion left"}""")).Status);
        var (deleted, remaining) = await SendAsync(http, HttpMethod.Delete, "/api/accounts/green-co/pulse");
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.False(remaining.TryGetProperty("pulse", out _));
        await app.RunTimerAsync("RescoreDirty");
        var ended = await GetAsync(http, "/api/accounts/green-co/health");
        Assert.False(ended.GetProperty("explanation").TryGetProperty("adjustment", out _));
        Assert.Equal(before.GetProperty("score").GetDouble(), ended.GetProperty("score").GetDouble());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Delete, "/api/accounts/green-co/pulse")).Status);
    }

    [Fact]
    public async Task Override_SetsTheTierUntilItExpires_AndSaysWhoAndWhy()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);
        await RescoreAsync(http);

        var (status, _) = await SendAsync(http, HttpMethod.Post, "/api/accounts/green-co/override",
            """{"tier":"Red","reason":"exec sponsor escalated","author":"lee","expiresOn":"2026-11-03"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        await app.RunTimerAsync("RescoreDirty");
        var overridden = await GetAsync(http, "/api/accounts/green-co/health");
        Assert.Equal("Red", overridden.GetProperty("tier").GetString());
        Assert.Equal("local (note: lee)", overridden.GetProperty("overrideApplied").GetProperty("author").GetString());
        Assert.Contains("local (note: lee)'s override until 2026-11-03 (exec sponsor escalated)", overridden.GetProperty("explanation").GetProperty("summary").GetString(), StringComparison.Ordinal);

        // The day after the expiry, the daily rescore returns the computed tier.
        app.Clock.Set(Now.AddDays(2));
        await RescoreAsync(http);
        Assert.Equal("Green", (await GetAsync(http, "/api/accounts/green-co/health")).GetProperty("tier").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Delete, "/api/accounts/green-co/override")).Status);
    }

    [Theory]
    [InlineData("pulse", """{"value":11,"author":"dana","expiresOn":"2026-11-30"}""", "value")]
    [InlineData("pulse", """{"value":"high","expiresOn":"2026-11-30"}""", "value")]
    [InlineData("pulse", """{"value":5,"author":"dana","expiresOn":"2026-11-01"}""", "expiresOn")]
    [InlineData("pulse", """{"value":5,"author":"dana","expiresOn":"2027-12-01"}""", "expiresOn")]
    [InlineData("pulse", """{"value":5,"author":"dana"}""", "expiresOn")]
    [InlineData("pulse", """{"value":5,"author":"dana","expiresOn":"2026-11-30","mood":"ok"}""", "mood")]
    [InlineData("override", """{"reason":"x","author":"lee","expiresOn":"2026-11-30"}""", "score")]
    [InlineData("override", """{"tier":"Purple","reason":"x","author":"lee","expiresOn":"2026-11-30"}""", "tier")]
    [InlineData("override", """{"score":101,"author":"lee","expiresOn":"2026-11-30"}""", "score", "reason")]
    [InlineData("override", """{"tier":"1","reason":"x","author":"lee","expiresOn":"30/11/2026"}""", "tier", "expiresOn")]
    [InlineData("override", "not json", "$")]
    public async Task BadInput_Is400NamingTheField_AndNothingIsStored(string kind, string json, params string[] fields)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await PutAsync(http, "acme", new { name = "Acme" });

        await BadRequestAsync(http, HttpMethod.Post, $"/api/accounts/acme/{kind}", json, fields);

        var account = await GetAsync(http, "/api/accounts/acme");
        Assert.False(account.TryGetProperty("pulse", out _));
        Assert.False(account.TryGetProperty("override", out _));
    }

    [Fact]
    public async Task UnknownAccount_Is404_AndABadId400()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Post, "/api/accounts/nobody/pulse",
            """{"value":5,"author":"dana","expiresOn":"2026-11-30"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Delete, "/api/accounts/nobody/override")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(http, HttpMethod.Delete, "/api/accounts/a%3Fb/pulse")).Status);
    }
}
