using System.Net;
using System.Text.Json;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Accounts;

/// <summary>#17 items 8-10: overrides and pulses mean what they say.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CsmRulesTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task<List<string?>> PlaybooksAsync(HttpClient http, string accountId) =>
        [.. (await GetAsync(http, $"/api/tasks?accountId={accountId}")).GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("playbook").GetString())];

    [Fact]
    public async Task AnOverrideToGreen_OnARedAccount_IsPublishedWithItsCause_AndStartsNoExpansion_WhileAnOverrideDownStartsRecovery()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);
        await RescoreAsync(http);
        app.Clock.Set(Now.AddDays(1));
        await RescoreAsync(http);
        await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, "/api/accounts/red-co/override",
            """{"tier":"Green","reason":"renewal signed","author":"lee","expiresOn":"2026-11-20"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, "/api/accounts/green-co/override",
            """{"tier":"Red","reason":"champion left, budget cut","author":"dana","expiresOn":"2026-11-20"}""")).Status);
        await app.RunTimerAsync("RescoreDirty");
        await app.RunTimerAsync("DispatchPlaybooks");

        var messages = (await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription))
            .ToDictionary(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("subject").GetString()!);
        Assert.Equal(("tier-rise", "override"), (messages["red-co"].ApplicationProperties["kind"], messages["red-co"].ApplicationProperties["cause"]));
        Assert.Equal(("tier-drop", "override"), (messages["green-co"].ApplicationProperties["kind"], messages["green-co"].ApplicationProperties["cause"]));
        Assert.Equal("override", JsonDocument.Parse(messages["red-co"].Body).RootElement.GetProperty("data").GetProperty("cause").GetString());
        Assert.Empty(await PlaybooksAsync(http, "red-co"));
        Assert.Equal(["red-recovery"], await PlaybooksAsync(http, "green-co"));
        var task = (await GetAsync(http, "/api/tasks?accountId=green-co")).GetProperty("tasks")[0];
        Assert.Equal("override", task.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task AnOverrideWhoseScoreAndTierContradictTheTiers_Is400NamingBoth_AndStoresNothing()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);

        await BadRequestAsync(http, HttpMethod.Post, "/api/accounts/green-co/override",
            """{"score":95,"tier":"Red","reason":"x","author":"dana","expiresOn":"2026-11-20"}""", "score", "tier");
        var (_, problem) = await SendAsync(http, HttpMethod.Post, "/api/accounts/green-co/override",
            """{"score":95,"tier":"Red","reason":"x","author":"dana","expiresOn":"2026-11-20"}""");
        Assert.Contains("score 95 is Green", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False((await GetAsync(http, "/api/accounts/green-co")).TryGetProperty("override", out _));

        // A score in the tier's band, a score alone and a tier alone are fine.
        foreach (var set in new[] { "\"score\":40,\"tier\":\"Red\"", "\"score\":95", "\"tier\":\"Red\"" })
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, "/api/accounts/green-co/override",
                "{" + set + ",\"reason\":\"x\",\"author\":\"dana\",\"expiresOn\":\"2026-11-20\"}")).Status);
        }
    }

    [Fact]
    public async Task APulse_OnASegmentWhoseWeightsGiveItNothing_SaysItWillNotMoveTheScore_AndWhy()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);

        var (status, smb) = await SendAsync(http, HttpMethod.Post, "/api/accounts/quiet-co/pulse", """{"value":3,"author":"dana","expiresOn":"2026-11-30"}""");
        var (_, midMarket) = await SendAsync(http, HttpMethod.Post, "/api/accounts/green-co/pulse", """{"value":3,"author":"dana","expiresOn":"2026-11-30"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(smb.GetProperty("pulseMovesScore").GetBoolean());
        var note = smb.GetProperty("pulseNote").GetString()!;
        Assert.StartsWith("This pulse will not move the score: in model default-2026.11.2, csm_pulse has weight 0 for segment SMB", note, StringComparison.Ordinal);
        Assert.Equal(note, (await GetAsync(http, "/api/accounts/quiet-co")).GetProperty("pulseNote").GetString()); // the page shows it before the form
        Assert.True(midMarket.GetProperty("pulseMovesScore").GetBoolean());
        Assert.False(midMarket.TryGetProperty("pulseNote", out _));
        Assert.False((await GetAsync(http, "/api/accounts/green-co")).TryGetProperty("pulseNote", out _));
    }
}
