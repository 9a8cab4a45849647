using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Accounts;

/// <summary>GET /api/accounts (filters, sort, paging, CSV), GET /api/accounts/{id}, PUT and PATCH of profiles, and the portfolio.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AccountsApiTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Patch_OfSegmentOrStage_MarksTheAccountForTheNextDirtyPass_OtherFieldsDoNot()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var store = app.Services.GetRequiredService<HealthFunctions.Storage.AccountStore>();
        async Task<bool> Dirty()
        {
            await foreach (var (id, _) in store.ScanDirtyAsync(CancellationToken.None))
            {
                if (id == "seg-co")
                {
                    return true;
                }
            }

            return false;
        }

        Assert.Equal(HttpStatusCode.Created, (await http.PutAsJsonAsync("/api/accounts/seg-co", new { name = "Seg Co", segment = "SMB", lifecycleStage = "mature" })).StatusCode);
        Assert.False(await Dirty());

        Assert.Equal(HttpStatusCode.OK, (await http.PatchAsJsonAsync("/api/accounts/seg-co", new { owner = "lee", arr = 9000 })).StatusCode);
        Assert.False(await Dirty());

        Assert.Equal(HttpStatusCode.OK, (await http.PatchAsJsonAsync("/api/accounts/seg-co", new { segment = "Enterprise" })).StatusCode);
        Assert.True(await Dirty());
        Assert.Equal("Enterprise", (await GetAsync(http, "/api/accounts/seg-co")).GetProperty("profile").GetProperty("segment").GetString());
    }

    [Fact]
    public async Task List_FiltersSortsAndPages_AndExportsTheWholeViewAsCsv()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);
        await RescoreAsync(http);

        async Task<string[]> Ids(string query) =>
            (await GetAsync(http, "/api/accounts" + query)).GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()!).ToArray();

        var all = await GetAsync(http, "/api/accounts");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(299000, all.GetProperty("totalArr").GetDouble());
        // Worst first by default: lowest score first, unscored last.
        Assert.Equal(["red-co", "green-co", "quiet-co"], await Ids(""));
        Assert.Equal(["red-co"], await Ids("?tier=red"));
        Assert.Equal(["quiet-co"], await Ids("?tier=Unscored"));
        Assert.Equal(["red-co", "quiet-co"], await Ids("?tier=Red,Unscored"));
        Assert.Equal(["quiet-co"], await Ids("?segment=smb"));
        Assert.Equal(["green-co", "quiet-co"], await Ids("?owner=dana&sort=name"));
        Assert.Equal(["quiet-co"], await Ids("?lifecycleStage=none"));
        Assert.Equal(["red-co"], await Ids("?renewalWithin=30"));
        Assert.Equal(["red-co", "green-co"], await Ids("?renewalWithin=60&sort=renewal"));
        Assert.Equal(["red-co", "green-co", "quiet-co"], await Ids("?sort=arr"));
        Assert.Equal(["green-co", "red-co", "quiet-co"], await Ids("?sort=score&order=desc"));
        Assert.Equal(["green-co"], await Ids("?q=GREEN"));
        var page2 = await GetAsync(http, "/api/accounts?pageSize=1&page=2");
        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        Assert.Equal("green-co", Assert.Single(page2.GetProperty("accounts").EnumerateArray()).GetProperty("accountId").GetString());
        var red = (await GetAsync(http, "/api/accounts?tier=Red")).GetProperty("accounts")[0];
        Assert.Equal("Red Co", red.GetProperty("name").GetString());
        Assert.Equal(240000, red.GetProperty("arr").GetDouble());
        Assert.Equal("Red", red.GetProperty("tier").GetString());

        var csv = await http.GetAsync("/api/accounts?owner=dana&sort=name&format=csv&pageSize=1");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("accountId,name,segment,lifecycleStage,owner,arr,renewalDate,score,tier", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length); // the whole view, not the page
        Assert.StartsWith("green-co,Green Co,MidMarket,mature,dana,50000,2026-12-17,", lines[1], StringComparison.Ordinal);
        using var byAccept = new HttpRequestMessage(HttpMethod.Get, "/api/accounts?tier=Red");
        byAccept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var accepted = await http.SendAsync(byAccept);
        Assert.Equal("text/csv", accepted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (await accepted.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("?tier=Purple", "tier")]
    [InlineData("?sort=colour", "sort")]
    [InlineData("?order=up", "order")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=501", "pageSize")]
    [InlineData("?renewalWithin=soon", "renewalWithin")]
    [InlineData("?format=xml", "format")]
    [InlineData("?teir=Red", "teir")]
    [InlineData("?page=-1&sort=x", "page", "sort")]
    public async Task List_WithABadParameter_Is400NamingIt(string query, params string[] fields)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        var (status, body) = await SendAsync(http, HttpMethod.Get, "/api/accounts" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(fields.Order(), body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).Order());
    }

    [Fact]
    public async Task GetAccount_ReturnsProfileAndHealthTogether_404ForUnknown_400ForABadId()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);
        await RescoreAsync(http);

        var account = await GetAsync(http, "/api/accounts/red-co");
        Assert.Equal("Red Co", account.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal(240000, account.GetProperty("profile").GetProperty("arr").GetDouble());
        Assert.Equal(Now, account.GetProperty("profileUpdatedAt").GetDateTimeOffset());
        Assert.Equal("Red", account.GetProperty("health").GetProperty("tier").GetString());
        Assert.StartsWith("Red", account.GetProperty("health").GetProperty("explanation").GetProperty("summary").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, "/api/accounts/nobody")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(http, HttpMethod.Get, "/api/accounts/a%23b")).Status);
    }

    [Fact]
    public async Task Health_KeepsIdsAsKeys_AndGivesLabelsAndUnitsForDisplay_InJsonAndCsv()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);
        await RescoreAsync(http);

        var health = await GetAsync(http, "/api/accounts/red-co/health");
        Assert.Contains(health.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "active_users_pct");
        var active = health.GetProperty("labels").GetProperty("metrics").GetProperty("active_users_pct");
        Assert.Equal("Active users", active.GetProperty("label").GetString());
        Assert.Equal("%", active.GetProperty("unit").GetString());
        Assert.Equal("Adoption", health.GetProperty("labels").GetProperty("components").GetProperty("adoption").GetProperty("label").GetString());

        var csv = await http.GetStringAsync("/api/accounts/red-co/health?format=csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", HealthFunctions.Accounts.HealthCsv.Header), lines[0]);
        Assert.Contains(lines, l => l.StartsWith("red-co,active_users_pct,Active users,%,adoption,Adoption,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patch_MergesTheFieldsSent_PutReplacesTheWholeProfile()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await PutAsync(http, "acme", new { name = "Acme", segment = "MidMarket", lifecycleStage = "mature", arr = 120000, renewalDate = "2027-03-01", owner = "dana" });

        app.Clock.Set(Now.AddHours(1));
        var (status, patched) = await SendAsync(http, HttpMethod.Patch, "/api/accounts/acme", """{"owner":"lee","segment":"smb"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("lee", patched.GetProperty("owner").GetString());
        var profile = (await GetAsync(http, "/api/accounts/acme")).GetProperty("profile");
        Assert.Equal("Acme", profile.GetProperty("name").GetString());
        Assert.Equal("SMB", profile.GetProperty("segment").GetString()); // stored as the model spells it
        Assert.Equal(120000, profile.GetProperty("arr").GetDouble());
        Assert.Equal("2027-03-01", profile.GetProperty("renewalDate").GetString());
        Assert.Equal(Now.AddHours(1), (await GetAsync(http, "/api/accounts/acme")).GetProperty("profileUpdatedAt").GetDateTimeOffset());

        // null clears one field; the rest stay.
        await SendAsync(http, HttpMethod.Patch, "/api/accounts/acme", """{"renewalDate":null}""");
        profile = (await GetAsync(http, "/api/accounts/acme")).GetProperty("profile");
        Assert.False(profile.TryGetProperty("renewalDate", out _));
        Assert.Equal("Acme", profile.GetProperty("name").GetString());

        // PUT stays a full replace.
        await PutAsync(http, "acme", new { owner = "sam" });
        profile = (await GetAsync(http, "/api/accounts/acme")).GetProperty("profile");
        Assert.Equal(["owner"], profile.EnumerateObject().Select(p => p.Name));

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Patch, "/api/accounts/nobody", """{"owner":"x"}""")).Status);
    }

    [Theory]
    [InlineData("PUT", """{"name":"X","segmnet":"SMB"}""", "segmnet")]
    [InlineData("PUT", """{"segment":"Mid-Market"}""", "segment")]
    [InlineData("PUT", """{"lifecycleStage":"teenage"}""", "lifecycleStage")]
    [InlineData("PUT", """{"arr":-5,"renewalDate":"01/02/2027"}""", "arr", "renewalDate")]
    [InlineData("PUT", """[1,2]""", "$")]
    [InlineData("PATCH", """{}""", "$")]
    [InlineData("PATCH", """{"owner":42}""", "owner")]
    [InlineData("PATCH", """{"segment":"Mid-Market","colour":"red"}""", "segment", "colour")]
    [InlineData("PATCH", """{"name":"this name is far too long this name is far too long this name is far too long this name is far too long this name is far too long this name is far too long this name is far too long this name is far too long"}""", "name")]
    public async Task ProfileWrites_WithABadField_Are400NamingIt_AndStoreNothing(string method, string json, params string[] fields)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await PutAsync(http, "acme", new { name = "Acme", segment = "MidMarket", owner = "dana" });

        await BadRequestAsync(http, new HttpMethod(method), "/api/accounts/acme", json, fields);

        var profile = (await GetAsync(http, "/api/accounts/acme")).GetProperty("profile");
        Assert.Equal("Acme", profile.GetProperty("name").GetString());
        Assert.Equal("MidMarket", profile.GetProperty("segment").GetString());
        Assert.Equal("dana", profile.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Portfolio_HasArrAtRisk_RenewalsByTier_Movers_AndADailyTrend()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(http, Now);
        await RescoreAsync(http, "2026-11-01");
        await RescoreAsync(http);

        var p = await GetAsync(http, "/api/portfolio");
        Assert.Equal(3, p.GetProperty("accounts").GetInt32());
        Assert.Equal(240000, p.GetProperty("arrAtRisk").GetProperty("red").GetDouble());
        Assert.Equal(240000, p.GetProperty("arrAtRisk").GetProperty("total").GetDouble());
        Assert.Equal(299000, p.GetProperty("arrAtRisk").GetProperty("portfolioArr").GetDouble());
        var renewals = p.GetProperty("renewals").EnumerateArray().ToDictionary(w => w.GetProperty("days").GetInt32());
        Assert.Equal(1, renewals[30].GetProperty("byTier").GetProperty("Red").GetInt32());
        Assert.Equal(2, renewals[60].GetProperty("accounts").GetInt32());
        Assert.Equal(1, renewals[60].GetProperty("byTier").GetProperty("Green").GetInt32());
        Assert.Equal(290000, renewals[90].GetProperty("arr").GetDouble());
        Assert.Equal(1, p.GetProperty("bySegmentTier").GetProperty("SMB").GetProperty("Unscored").GetInt32());
        var trend = p.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(["2026-11-01", "2026-11-02"], trend.Select(d => d.GetProperty("day").GetString()));
        Assert.Equal(1, trend[1].GetProperty("red").GetInt32());
        Assert.Equal(1, trend[1].GetProperty("unscored").GetInt32());
    }
}
