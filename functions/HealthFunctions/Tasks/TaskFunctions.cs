using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Tasks;

/// <summary>
/// The tasks API: <c>GET /api/tasks</c> (filtered, sorted, paged; CSV of the whole view), <c>PATCH /api/tasks/{id}</c>
/// (status, owner or note, keeping the history of changes; the same patch again changes nothing) and <c>POST
/// /api/tasks/bulk</c> (one patch for many tasks, each changed through the same path as a PATCH). Anonymous at the
/// Functions level, like the rest of the dashboard's API.
/// </summary>
public sealed class TaskFunctions(TaskStore tasks, TaskQueries queries, TimeProvider clock)
{
    /// <summary>Most tasks one bulk change may name (a page of the board).</summary>
    public const int MaxBulk = TaskListQuery.MaxPageSize;

    private static readonly string[] BulkFields = ["taskIds", .. TaskPatch.Fields];

    /// <summary>The tasks list; CSV of the whole view with <c>format=csv</c> or <c>Accept: text/csv</c>.</summary>
    [Function("GetTasks")]
    public async Task<IResult> GetTasksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tasks")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = TaskListQuery.Parse(request.Query, SignedInUser.Of(request));
        var (all, page, accounts) = await queries.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return CsvText.Wanted(request)
            ? CsvText.Attachment(request, "tasks.csv", TaskCsv.Write(all, accounts, page.AsOf))
            : Results.Json(page, AppJson.Default.TaskPage);
    }

    /// <summary>Changes one task; 404 when no task has that id.</summary>
    [Function("PatchTask")]
    public async Task<IResult> PatchTaskAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "tasks/{taskId}")] HttpRequest request, string taskId,
        CancellationToken cancellationToken)
    {
        if (TaskIdProblem(taskId) is { } problem)
        {
            throw new RequestValidationException("taskId", problem);
        }

        var patch = TaskPatch.Parse(await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false));
        var (task, _) = await ChangeAsync(taskId, patch, SignedInUser.Of(request), null, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            throw new NotFoundException($"No task '{taskId}'.");
        }

        return Results.Json(task, AppJson.Default.PlaybookTaskRecord);
    }

    /// <summary>
    /// <c>{"taskIds": [...], "status"?, "owner"?, "note"?}</c>: the same patch for every task named. All or nothing up to the
    /// change: a bad field, or an id no task has, is a 400 naming it and changes nothing; then each task is changed as a
    /// PATCH changes it (so a retry changes nothing more).
    /// </summary>
    [Function("BulkUpdateTasks")]
    public async Task<IResult> BulkUpdateTasksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tasks/bulk")] HttpRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? ids;
        TaskPatch patch;
        using (var json = JsonFields.Read(await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false), BulkFields))
        {
            ids = json.TextList("taskIds", MaxBulk, 200);
            patch = TaskPatch.Read(json);
            for (var i = 0; ids is not null && i < ids.Count; i++)
            {
                if (TaskIdProblem(ids[i]) is { } problem)
                {
                    json.Errors.Add(new FieldError($"taskIds[{i}]", problem));
                }
            }

            json.ThrowIfInvalid();
        }

        var accounts = await queries.AccountsOfAsync(ids!, cancellationToken).ConfigureAwait(false);
        var unknown = ids!.Select((id, i) => (id, i)).Where(x => !accounts.ContainsKey(x.id))
            .Select(x => new FieldError($"taskIds[{x.i}]", $"no task has id '{x.id}'.")).ToList();
        if (unknown.Count > 0)
        {
            throw new RequestValidationException(unknown);
        }

        var by = SignedInUser.Of(request);
        var now = new List<PlaybookTaskRecord>(ids!.Count);
        var changed = 0;
        foreach (var id in ids!)
        {
            var (task, didChange) = await ChangeAsync(id, patch, by, accounts[id], cancellationToken).ConfigureAwait(false);
            if (task is not null)
            {
                now.Add(task);
                changed += didChange ? 1 : 0;
            }
        }

        return Results.Json(new TaskBulkResult(changed, now.Count - changed, now), AppJson.Default.TaskBulkResult);
    }

    /// <summary>The one way a task is changed, for a PATCH and for each task of a bulk change: the task as it is now (null: none has the id) and whether this call changed it.</summary>
    private async Task<(PlaybookTaskRecord? Task, bool Changed)> ChangeAsync(string taskId, TaskPatch patch, string? by, string? accountId, CancellationToken cancellationToken)
    {
        PlaybookTaskRecord? read = null;
        var result = await tasks.UpdateAsync(taskId, t => patch.ApplyTo(read = t, clock.GetUtcNow(), by), cancellationToken, accountId).ConfigureAwait(false);
        return (result, result is not null && !ReferenceEquals(result, read));
    }

    private static string? TaskIdProblem(string taskId) =>
        taskId.Length is 0 or > 200 || taskId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? "must be a task id as GET /api/tasks lists it."
            : null;
}
