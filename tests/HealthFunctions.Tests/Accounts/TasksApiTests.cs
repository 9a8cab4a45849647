using System.Net;
using HealthFunctions.Tests.EndToEnd;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Accounts;

/// <summary>PATCH /api/tasks/{id}: status, owner and note, idempotent, with the history of changes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TasksApiTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    internal static async Task<string> RecoveryTaskAsync(PipelineApp app, HttpClient http)
    {
        await PutAsync(http, "acme", new { name = "Acme", segment = "MidMarket", owner = "dana" });
        await SignalsAsync(http, Signals.Green("acme", Now));
        await RescoreAsync(http);
        app.Clock.Set(Now.AddDays(1));
        await SignalsAsync(http, Signals.Red("acme", Now.AddDays(1)));
        await RescoreAsync(http);
        await app.RunTimerAsync("DispatchPlaybooks");
        var tasks = await GetAsync(http, "/api/tasks?accountId=acme");
        // The red-recovery playbook lists its steps due in 2, 7 and 3 days; the task lists them by due day.
        var due = tasks.GetProperty("tasks")[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("dueOn").GetString()!).ToList();
        Assert.Equal(due.Order(StringComparer.Ordinal), due);
        Assert.Equal(3, due.Count);
        return tasks.GetProperty("tasks")[0].GetProperty("taskId").GetString()!;
    }

    [Fact]
    public async Task Patch_CompletesWithANote_KeepsTheHistory_AndIsIdempotent()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var id = await RecoveryTaskAsync(app, http);

        var (status, done) = await SendAsync(http, HttpMethod.Patch, $"/api/tasks/{id}", """{"status":"done","note":"called the champion"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal("called the champion", done.GetProperty("note").GetString());
        var change = Assert.Single(done.GetProperty("changes").EnumerateArray());
        Assert.Equal("done", change.GetProperty("status").GetString());

        // The same request again (a retry) changes nothing.
        var (_, again) = await SendAsync(http, HttpMethod.Patch, $"/api/tasks/{id}", """{"status":"done","note":"called the champion"}""");
        Assert.Single(again.GetProperty("changes").EnumerateArray());

        var (_, reassigned) = await SendAsync(http, HttpMethod.Patch, $"/api/tasks/{id}", """{"owner":"lee"}""");
        Assert.Equal("lee", reassigned.GetProperty("owner").GetString());
        var (_, unassigned) = await SendAsync(http, HttpMethod.Patch, $"/api/tasks/{id}", """{"owner":null}""");
        Assert.False(unassigned.TryGetProperty("owner", out _));
        var changes = unassigned.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(3, changes.Count);
        Assert.True(changes[2].GetProperty("ownerCleared").GetBoolean());

        var doneList = await GetAsync(http, "/api/tasks?status=done");
        Assert.Equal(id, Assert.Single(doneList.GetProperty("tasks").EnumerateArray()).GetProperty("taskId").GetString());
        Assert.DoesNotContain((await GetAsync(http, "/api/tasks?status=open&accountId=acme")).GetProperty("tasks").EnumerateArray(),
            t => t.GetProperty("taskId").GetString() == id);
    }

    [Theory]
    [InlineData("""{"status":"finished"}""", "status")]
    [InlineData("""{}""", "$")]
    [InlineData("""{"status":"done","assignee":"lee"}""", "assignee")]
    [InlineData("""{"note":17}""", "note")]
    [InlineData("""["done"]""", "$")]
    public async Task Patch_WithBadInput_Is400NamingTheField_AndChangesNothing(string json, params string[] fields)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var id = await RecoveryTaskAsync(app, http);

        await BadRequestAsync(http, HttpMethod.Patch, $"/api/tasks/{id}", json, fields);

        var task = (await GetAsync(http, "/api/tasks?accountId=acme")).GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("taskId").GetString() == id);
        Assert.Equal("open", task.GetProperty("status").GetString());
        Assert.False(task.TryGetProperty("changes", out _));
    }

    [Fact]
    public async Task Patch_OfAnUnknownTask_Is404()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Patch, "/api/tasks/no-such-task", """{"status":"done"}""")).Status);
    }
}
