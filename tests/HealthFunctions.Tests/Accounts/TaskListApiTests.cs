using System.Net;
using System.Text.Json;
using HealthFunctions.Tasks;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Accounts;

/// <summary>
/// GET /api/tasks as the tasks board uses it: filters (status, playbook, owner with "mine", tier, due, segment, renewal
/// window), sort (due, tier, ARR, created), paging, counts per status and overdue, CSV; and POST /api/tasks/bulk.
/// Five tasks on three accounts (Red Co: Red, Enterprise, lee, renews in 20 days; Green Co: Green, MidMarket, dana; Quiet
/// Co: unscored, SMB), written straight to the store with the dates and owners each case needs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskListApiTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private static async Task SeedAsync(PipelineApp app, HttpClient http)
    {
        await WorkspaceApi.SeedAsync(http, Now);
        await RescoreAsync(http);
        var store = app.Services.GetRequiredService<TaskStore>();
        async Task Task(string id, string account, string playbook, string status, int dueIn, string? owner, int createdDaysAgo, params (string Title, int DueIn)[] steps) =>
            await store.CreateAsync(new PlaybookTaskRecord(id, account, playbook, steps[0].Title, "csm", owner, Today.AddDays(dueIn), status, "tier-drop", "e-" + id,
                Now.AddDays(-createdDaysAgo), true, steps.Select(s => new TaskStep(s.Title, "do it", Today.AddDays(s.DueIn), "csm")).ToList()), CancellationToken.None);
        // Steps stored out of due order (as tasks made before steps were sorted are): the list gives them in due order.
        await Task("t1", "red-co", "red-recovery", "open", -3, "lee", 3, ("Recovery plan", 3), ("Call the champion", -3));
        await Task("t2", "red-co", "red-recovery", "done", -1, "lee", 5, ("Call", -1));
        await Task("t3", "green-co", "green-expansion", "open", 4, "dana", 1, ("Ask for a review", 4));
        await Task("t4", "green-co", "yellow-adoption", "dismissed", 18, "dana", 10, ("Adoption review", 18));
        await Task("t5", "quiet-co", "yellow-adoption", "open", 28, null, 0, ("Adoption review", 28));
    }

    private static List<string> Ids(JsonElement page) => page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()!).ToList();

    [Fact]
    public async Task List_FiltersSortsPagesAndCounts_TheWayTheBoardAsks()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(app, http);

        var all = await GetAsync(http, "/api/tasks");
        Assert.Equal(["t1", "t2", "t3", "t4", "t5"], Ids(all)); // soonest due first
        Assert.Equal(5, all.GetProperty("count").GetInt32());
        Assert.Equal(3, all.GetProperty("byStatus").GetProperty("open").GetInt32());
        Assert.Equal(1, all.GetProperty("byStatus").GetProperty("done").GetInt32());
        Assert.Equal(1, all.GetProperty("overdue").GetInt32());
        Assert.Equal("2026-11-02", all.GetProperty("asOf").GetString());
        Assert.Equal("Red Co", all.GetProperty("accounts").GetProperty("red-co").GetProperty("name").GetString());
        var steps = all.GetProperty("tasks")[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Call the champion", "Recovery plan"], steps);

        var open = await GetAsync(http, "/api/tasks?status=open");
        Assert.Equal(["t1", "t3", "t5"], Ids(open));
        Assert.Equal(1, open.GetProperty("byStatus").GetProperty("dismissed").GetInt32()); // counts ignore the status filter

        Assert.Equal(["t1", "t2"], Ids(await GetAsync(http, "/api/tasks?status=open,done&playbook=Red-Recovery")));
        Assert.Equal(["t3", "t4"], Ids(await GetAsync(http, "/api/tasks?owner=DANA")));
        Assert.Equal(["t5"], Ids(await GetAsync(http, "/api/tasks?owner=none")));
        Assert.Equal(["t1", "t2"], Ids(await GetAsync(http, "/api/tasks?tier=Red")));
        Assert.Equal(["t5"], Ids(await GetAsync(http, "/api/tasks?tier=Unscored")));
        Assert.Equal(["t1"], Ids(await GetAsync(http, "/api/tasks?due=overdue")));
        Assert.Equal(["t3"], Ids(await GetAsync(http, "/api/tasks?due=week")));
        Assert.Equal(["t3", "t4"], Ids(await GetAsync(http, "/api/tasks?segment=midmarket")));
        Assert.Equal(["t1", "t2"], Ids(await GetAsync(http, "/api/tasks?renewalWithin=30")));
        Assert.Equal(["t1", "t2", "t3", "t4", "t5"], Ids(await GetAsync(http, "/api/tasks?sort=arr")));
        Assert.Equal(["t5", "t3", "t4", "t1", "t2"], Ids(await GetAsync(http, "/api/tasks?sort=arr&order=asc"))); // ties: soonest due first either way
        Assert.Equal(["t1", "t2", "t3", "t4", "t5"], Ids(await GetAsync(http, "/api/tasks?sort=tier")));
        Assert.Equal(["t5", "t3", "t1", "t2", "t4"], Ids(await GetAsync(http, "/api/tasks?sort=created")));
        var page2 = await GetAsync(http, "/api/tasks?pageSize=2&page=2");
        Assert.Equal(["t3", "t4"], Ids(page2));
        Assert.Equal(5, page2.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task List_Mine_IsTheSignedInUser_AndNeedsOne()
    {
        // In Azure: the principal App Service authentication passes is who "mine" means.
        await using (var azure = new PipelineApp(azurite, Now, HealthFunctions.Tests.Access.SignedIn.AzureSettings()))
        {
            using var http = HealthFunctions.Tests.Access.SignedIn.As(azure.CreateClient(), "lee", "admin");
            await SeedAsync(azure, http);

            Assert.Equal(["t1", "t2"], Ids(await GetAsync(http, "/api/tasks?owner=mine")));
        }

        // Locally nobody is signed in: "mine" is a 400 that says to give the name.
        await using var local = new PipelineApp(azurite, Now);
        using var open = local.CreateClient();
        await BadRequestAsync(open, HttpMethod.Get, "/api/tasks?owner=mine", null!, "owner");
    }

    [Theory]
    [InlineData("status=late", "status")]
    [InlineData("sort=name", "sort")]
    [InlineData("due=soon", "due")]
    [InlineData("pageSize=0&page=x", "pageSize", "page")]
    [InlineData("tier=Blue&assignee=lee", "tier", "assignee")]
    [InlineData("accountId=a%23b", "accountId")]
    public async Task List_WithABadParameter_Is400NamingIt(string query, params string[] fields)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        await BadRequestAsync(http, HttpMethod.Get, "/api/tasks?" + query, null!, fields);
    }

    [Fact]
    public async Task List_AsCsv_IsTheWholeView_WithTheAccountAndWhatIsOverdue()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(app, http);

        var csv = await http.GetStringAsync("/api/tasks?status=open&pageSize=1&format=csv");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", TaskCsv.Header), lines[0]);
        Assert.Equal(4, lines.Length); // every open task, whatever the page size
        var columns = lines[0].Split(',').ToList();
        var t1 = lines[1].Split(',');
        Assert.Equal("t1", t1[0]);
        Assert.Equal("Red Co", t1[columns.IndexOf("accountName")]);
        Assert.Equal("Red", t1[columns.IndexOf("tier")]);
        Assert.Equal("true", t1[columns.IndexOf("overdue")]);
        Assert.Equal("false", lines[2].Split(',')[columns.IndexOf("overdue")]);
    }

    [Fact]
    public async Task Bulk_CompletesEveryTaskNamed_WithTheNote_ThroughThePatchPath_AndIsIdempotent()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(app, http);
        const string body = """{"taskIds":["t1","t3"],"status":"done","note":"handled in the QBR"}""";

        var (status, result) = await SendAsync(http, HttpMethod.Post, "/api/tasks/bulk", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, result.GetProperty("changed").GetInt32());
        var done = await GetAsync(http, "/api/tasks?status=done");
        Assert.Equal(["t1", "t2", "t3"], Ids(done));
        foreach (var t in done.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("taskId").GetString() != "t2"))
        {
            Assert.Equal("handled in the QBR", t.GetProperty("note").GetString());
            Assert.Equal("done", Assert.Single(t.GetProperty("changes").EnumerateArray()).GetProperty("status").GetString());
        }

        var (_, again) = await SendAsync(http, HttpMethod.Post, "/api/tasks/bulk", body);
        Assert.Equal(0, again.GetProperty("changed").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());

        var (_, reassigned) = await SendAsync(http, HttpMethod.Post, "/api/tasks/bulk", """{"taskIds":["t5"],"owner":"rio","note":"rio covers SMB"}""");
        Assert.Equal("rio", Assert.Single(reassigned.GetProperty("tasks").EnumerateArray()).GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Bulk_ReopeningATaskWhoseAccountHasThatPlaybookOpen_Is409_AndChangesNothing()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(app, http);

        // t4 (dismissed) may be reopened; t2 (done, red-recovery) may not: red-co has t1 of that playbook open.
        var (status, problem) = await SendAsync(http, HttpMethod.Post, "/api/tasks/bulk", """{"taskIds":["t4","t2"],"status":"open"}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("t1", problem.GetProperty("openTask").GetString());
        Assert.Equal(["t1", "t3", "t5"], Ids(await GetAsync(http, "/api/tasks?status=open")));
    }

    [Theory]
    [InlineData("""{"taskIds":["t5","nope"],"status":"done"}""", "taskIds[1]")]
    [InlineData("""{"taskIds":["t5"],"status":"finished"}""", "status")]
    [InlineData("""{"taskIds":["t5","t5"],"status":"done"}""", "taskIds[1]")]
    [InlineData("""{"taskIds":[],"status":"done"}""", "taskIds")]
    [InlineData("""{"status":"done"}""", "taskIds")]
    [InlineData("""{"taskIds":["t5"]}""", "$")]
    [InlineData("""{"taskIds":["t5"],"status":"done","assignee":"x"}""", "assignee")]
    public async Task Bulk_WithAnyBadPart_Is400NamingIt_AndChangesNothing(string json, params string[] fields)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(app, http);

        await BadRequestAsync(http, HttpMethod.Post, "/api/tasks/bulk", json, fields);

        Assert.Equal(["t1", "t3", "t5"], Ids(await GetAsync(http, "/api/tasks?status=open")));
    }
}
