using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthFunctions.Access;
using HealthFunctions.Scoring;
using HealthFunctions.Tests.Accounts;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Access;

/// <summary>
/// The author of every change is the signed-in principal (a body's author is only a note), and each change is kept in
/// the audit trail: who (name and object id), what, when, before and after; per account, and for model activations and
/// webhook replays under their system scopes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuditTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task<List<JsonElement>> TrailAsync(HttpClient http, string path)
    {
        var page = await http.GetFromJsonAsync<JsonElement>(path);
        return [.. page.GetProperty("entries").EnumerateArray()];
    }

    [Fact]
    public async Task ABodyNamingSomeoneElse_CannotReplaceTheSignedInAuthor()
    {
        await using var app = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        using var alice = app.CreateClient().As("alice@contoso.com", AppRoles.Csm);
        await alice.PutAsJsonAsync("/api/accounts/acme", new { name = "Acme" });

        var response = await alice.PostAsJsonAsync("/api/accounts/acme/override",
            new { tier = "Red", reason = "exec sponsor left", author = "ceo@contoso.com", expiresOn = "2026-11-20" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("override");
        Assert.Equal("alice@contoso.com (note: ceo@contoso.com)", stored.GetProperty("author").GetString());
        var entry = (await TrailAsync(alice, "/api/accounts/acme/audit"))[0];
        Assert.Equal("override.set", entry.GetProperty("action").GetString());
        Assert.Equal("alice@contoso.com", entry.GetProperty("who").GetProperty("name").GetString());
        Assert.Equal(SignedIn.ObjectId("alice@contoso.com"), entry.GetProperty("who").GetProperty("objectId").GetString());
    }

    [Fact]
    public async Task PulseOverrideProfileAndTaskChanges_AreInTheAccountsTrail_NewestFirst_WithBeforeAndAfter()
    {
        await using var app = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        using var ada = app.CreateClient().As("ada@contoso.com", AppRoles.Admin);
        using var carl = app.CreateClient().As("carl@contoso.com", AppRoles.Csm);
        using var rita = app.CreateClient().As("rita@contoso.com", AppRoles.Reader);
        var taskId = await TasksApiTests.RecoveryTaskAsync(app, ada); // ada creates Acme (profile.put) and its recovery task
        app.Clock.Set(Now.AddDays(1).AddHours(1));

        Assert.Equal(HttpStatusCode.OK, (await carl.PatchAsJsonAsync("/api/accounts/acme", new { owner = "lee" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carl.PostAsJsonAsync("/api/accounts/acme/pulse", new { value = 3, expiresOn = "2026-11-30" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carl.PostAsJsonAsync("/api/accounts/acme/pulse", new { value = 3, expiresOn = "2026-11-30" })).StatusCode); // the same again
        Assert.Equal(HttpStatusCode.OK, (await carl.DeleteAsync("/api/accounts/acme/pulse")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carl.PostAsJsonAsync("/api/accounts/acme/override", new { score = 40, reason = "churn risk", expiresOn = "2026-11-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carl.DeleteAsync("/api/accounts/acme/override")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carl.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "done", note = "called" })).StatusCode);

        var trail = await TrailAsync(rita, "/api/accounts/acme/audit"); // a reader may read it
        Assert.Equal(
            ["task.change", "override.end", "override.set", "pulse.end", "pulse.set", "profile.patch", "profile.put"],
            trail.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("ada@contoso.com", trail[^1].GetProperty("who").GetProperty("name").GetString());
        Assert.All(trail[..^1], e => Assert.Equal("carl@contoso.com", e.GetProperty("who").GetProperty("name").GetString()));
        Assert.All(trail, e => Assert.True(e.GetProperty("at").GetDateTimeOffset() >= Now));

        var task = trail[0];
        Assert.Equal(taskId, task.GetProperty("target").GetString());
        Assert.Equal("open", task.GetProperty("before").GetProperty("status").GetString());
        Assert.Equal(("done", "called"), (task.GetProperty("after").GetProperty("status").GetString(), task.GetProperty("after").GetProperty("note").GetString()));
        Assert.False(trail[1].TryGetProperty("after", out _)); // override ended: nothing after
        Assert.Equal(40, trail[2].GetProperty("after").GetProperty("score").GetDouble());
        Assert.Equal("carl@contoso.com", trail[4].GetProperty("after").GetProperty("author").GetString());
        Assert.Equal(("dana", "lee"), (trail[5].GetProperty("before").GetProperty("owner").GetString(), trail[5].GetProperty("after").GetProperty("owner").GetString()));
        Assert.False(trail[6].TryGetProperty("before", out _)); // created
        Assert.Equal(2, (await TrailAsync(rita, "/api/accounts/acme/audit?top=2")).Count);
    }

    [Fact]
    public async Task ActivationsAndReplays_AreKeptUnderTheirSystemScopes()
    {
        await using var app = new PipelineApp(azurite, Now, SignedIn.AzureSettings());
        using var ada = app.CreateClient().As("ada@contoso.com", AppRoles.Admin);
        var provider = app.Services.GetRequiredService<ModelProvider>();
        var baseline = provider.Current.Version;
        var proposal = JsonNode.Parse(provider.CurrentJson)!;
        proposal["version"] = "proposed-audit-1";
        await app.Services.GetRequiredService<ModelStore>().SaveProposedAsync("proposed-audit-1", proposal.ToJsonString(), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await ada.PostAsJsonAsync("/api/models/activate", new { version = "proposed-audit-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ada.PostAsync("/api/ops/replay?status=parked", null)).StatusCode);

        var models = Assert.Single(await TrailAsync(ada, "/api/audit?scope=models"));
        Assert.Equal(("model.activate", "proposed-audit-1"), (models.GetProperty("action").GetString(), models.GetProperty("target").GetString()));
        Assert.Equal((baseline, "proposed-audit-1"), (models.GetProperty("before").GetString(), models.GetProperty("after").GetProperty("active").GetString()));
        Assert.Equal("ada@contoso.com", models.GetProperty("who").GetProperty("name").GetString());
        var replay = Assert.Single(await TrailAsync(ada, "/api/audit?scope=webhooks"));
        Assert.Equal("webhooks.replay", replay.GetProperty("action").GetString());
        Assert.Equal("parked", replay.GetProperty("after").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await ada.GetAsync("/api/audit?scope=accounts")).StatusCode);
    }
}
