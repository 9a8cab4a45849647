using System.Net;
using HealthFunctions.Tasks;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Accounts;

/// <summary>#17 items 3 and 4: reopening never makes two open tasks of one playbook; long notes never break a task.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskRulesTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static PlaybookTaskRecord Task(string id, string playbook, string status) =>
        new(id, "acme", playbook, "Call the account's champion", "csm", "dana", DateOnly.FromDateTime(Now.UtcDateTime).AddDays(2), status, "tier-drop",
            "sc-" + id, Now, Notified: true, [new TaskStep("Call the account's champion", "", DateOnly.FromDateTime(Now.UtcDateTime).AddDays(2), "csm")]);

    private static async Task SeedAsync(PipelineApp app, params PlaybookTaskRecord[] tasks)
    {
        var store = app.Services.GetRequiredService<TaskStore>();
        foreach (var task in tasks)
        {
            await store.CreateAsync(task, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Reopening_WhileAnotherTaskOfThePlaybookIsOpen_Is409NamingIt()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(app, Task("t-old", "red-recovery", "dismissed"), Task("t-new", "red-recovery", "open"), Task("t-other", "yellow-adoption", "done"));

        var (status, problem) = await SendAsync(http, HttpMethod.Patch, "/api/tasks/t-old", """{"status":"open"}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("t-new", problem.GetProperty("openTask").GetString());
        Assert.Contains("'t-new'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("dismissed", (await GetAsync(http, "/api/tasks?accountId=acme&status=dismissed")).GetProperty("tasks")[0].GetProperty("status").GetString());

        // Another playbook reopens; the open one may be patched as open again (nothing changes); once it is closed, the old one reopens.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Patch, "/api/tasks/t-other", """{"status":"open"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Patch, "/api/tasks/t-new", """{"status":"open","note":"on it"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Patch, "/api/tasks/t-new", """{"status":"done"}""")).Status);
        var (reopened, task) = await SendAsync(http, HttpMethod.Patch, "/api/tasks/t-old", """{"status":"open"}""");
        Assert.Equal((HttpStatusCode.OK, "open"), (reopened, task.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ManyLongNotes_EveryPatchSucceeds_AndTheHistoryKeepsTheNewestWithACountOfTheDropped()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await SeedAsync(app, Task("t-long", "red-recovery", "open"));

        for (var i = 0; i < 40; i++)
        {
            // 2,000 characters that JSON escapes to six each (the stored history is JSON): the worst case per note.
            var note = i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + new string('é', 1998);
            app.Clock.Set(Now.AddMinutes(i));
            var (status, body) = await SendAsync(http, HttpMethod.Patch, "/api/tasks/t-long", $$"""{"note":"{{note}}"}""");
            Assert.True(status == HttpStatusCode.OK, $"note {i}: {(int)status} {body}");
        }

        var task = (await GetAsync(http, "/api/tasks?accountId=acme")).GetProperty("tasks")[0];
        var changes = task.GetProperty("changes").EnumerateArray().ToList();
        Assert.StartsWith("39", changes[^1].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(40, changes.Count + task.GetProperty("droppedChanges").GetInt32());
        Assert.True(task.GetProperty("droppedChanges").GetInt32() > 30, task.GetProperty("droppedChanges").ToString());
        Assert.Equal(Enumerable.Range(40 - changes.Count, changes.Count).Select(i => i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)),
            changes.Select(c => c.GetProperty("note").GetString()![..2]));
    }
}
