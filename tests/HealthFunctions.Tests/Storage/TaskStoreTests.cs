using HealthFunctions.Tasks;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TaskStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private TaskStore _store = null!;

    public async Task InitializeAsync()
    {
        var space = await StorageSpace.CreateAsync(azurite);
        _store = new TaskStore(space.Tables, space.Names);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static PlaybookTaskRecord NewTask(string accountId, string taskId, string status, string? owner = null) => new(
        taskId, accountId, "save-plan", "Save the account", "csm", owner, new DateOnly(2026, 11, 27), status, "tier-drop", "ev-1", Now, false,
        [new TaskStep("Call the sponsor", "Agree a save plan", new DateOnly(2026, 11, 27), "csm")]);

    private async Task<List<PlaybookTaskRecord>> ListAsync(string? accountId, string? status)
    {
        var list = new List<PlaybookTaskRecord>();
        await foreach (var t in _store.ListAsync(accountId, status, CancellationToken.None))
        {
            list.Add(t);
        }

        return list;
    }

    [Fact]
    public async Task Create_Twice_AddsOnce_AndReturnsTheStoredTask()
    {
        var first = await _store.CreateAsync(NewTask("acme", "t1", "open", owner: "dana"), CancellationToken.None);
        var again = await _store.CreateAsync(NewTask("acme", "t1", "done"), CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal("open", again.Task.Status);
        Assert.Equal("dana", again.Task.Owner);
        Assert.Equal("Call the sponsor", Assert.Single(again.Task.Steps).Title);
        Assert.Single(await ListAsync("acme", null));
    }

    [Fact]
    public async Task List_FiltersByAccountAndStatus_WithQuotesInTheValues()
    {
        await _store.CreateAsync(NewTask("O'Brien", "t1", "open"), CancellationToken.None);
        await _store.CreateAsync(NewTask("O'Brien", "t2", "done"), CancellationToken.None);
        await _store.CreateAsync(NewTask("other", "t3", "open"), CancellationToken.None);
        var notified = await _store.CreateAsync(NewTask("other", "t4", "open"), CancellationToken.None);
        await _store.MarkNotifiedAsync(notified.Task, CancellationToken.None);

        Assert.Equal(["t1", "t2"], (await ListAsync("O'Brien", null)).Select(t => t.TaskId));
        Assert.Equal(["t1"], (await ListAsync("O'Brien", "open")).Select(t => t.TaskId));
        Assert.Equal(["t1", "t3", "t4"], (await ListAsync(null, "open")).Select(t => t.TaskId).Order(StringComparer.Ordinal));
        Assert.Equal(4, (await ListAsync(null, null)).Count);
        Assert.Empty(await ListAsync("O'Brien' or PartitionKey ne '", null));
        var t4 = Assert.Single(await ListAsync("other", null), t => t.TaskId == "t4");
        Assert.True(t4.Notified);
        Assert.Equal("Save the account", t4.Title);
    }
}
