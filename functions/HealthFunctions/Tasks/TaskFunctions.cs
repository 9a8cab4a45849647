using HealthFunctions.Access;
using HealthFunctions.Audit;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Tasks;

/// <summary>
/// The tasks API: <c>GET /api/tasks</c> (filtered, sorted, paged; CSV of the whole view), <c>PATCH /api/tasks/{id}</c>
/// (status, owner or note, keeping the history of changes; the same patch again changes nothing) and <c>POST
/// /api/tasks/bulk</c> (one patch for many tasks, each changed through the same path as a PATCH). Reopening a task while
/// the account has another task of that playbook open is refused (409 naming the open one): one open task per account
/// and playbook. Closing a task of a playbook with a dwell trigger restarts the account's dwell clock for it, so a
/// dismissed task is not opened again until the account has spent the dwell in that tier once more. Anonymous at the
/// Functions level, like the rest of the dashboard's API; the reader role reads, the csm role changes. The signed-in
/// principal is who made a change, in the task's history and the audit trail (one entry per task a bulk change changed).
/// </summary>
public sealed class TaskFunctions(TaskStore tasks, TaskQueries queries, AccountStore accounts, ModelProvider models, TimeProvider clock, AuditTrail audit)
{
    /// <summary>Most tasks one bulk change may name (a page of the board).</summary>
    public const int MaxBulk = TaskListQuery.MaxPageSize;

    private static readonly string[] BulkFields = ["taskIds", .. TaskPatch.Fields];

    /// <summary>The tasks list; CSV of the whole view with <c>format=csv</c> or <c>Accept: text/csv</c>.</summary>
    [Function("GetTasks")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetTasksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tasks")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = TaskListQuery.Parse(request.Query, Caller.Of(request).Name);
        var (all, page, lines) = await queries.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return CsvText.Wanted(request)
            ? CsvText.Attachment(request, "tasks.csv", TaskCsv.Write(all, lines, page.AsOf))
            : Results.Json(page, AppJson.Default.TaskPage);
    }

    /// <summary>Changes one task; 404 when no task has that id.</summary>
    [Function("PatchTask")]
    [Access(RouteClass.CsmWrite)]
    public async Task<IResult> PatchTaskAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "tasks/{taskId}")] HttpRequest request, string taskId,
        CancellationToken cancellationToken)
    {
        if (TaskIdProblem(taskId) is { } problem)
        {
            throw new RequestValidationException("taskId", problem);
        }

        var patch = TaskPatch.Parse(await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false));
        var (task, _) = await ChangeAsync(taskId, patch, Caller.Of(request), null, cancellationToken).ConfigureAwait(false);
        return task is null ? throw new NotFoundException($"No task '{taskId}'.") : Results.Json(task, AppJson.Default.PlaybookTaskRecord);
    }

    /// <summary>
    /// <c>{"taskIds": [...], "status"?, "owner"?, "note"?}</c>: the same patch for every task named. All or nothing up to the
    /// change: a bad field, an id no task has (400 naming it), or a reopening the one-open-task rule refuses (409), and
    /// nothing changes; then each task is changed as a PATCH changes it (so a retry changes nothing more).
    /// </summary>
    [Function("BulkUpdateTasks")]
    [Access(RouteClass.CsmWrite)]
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

        var accountOf = await queries.AccountsOfAsync(ids!, cancellationToken).ConfigureAwait(false);
        var unknown = ids!.Select((id, i) => (id, i)).Where(x => !accountOf.ContainsKey(x.id))
            .Select(x => new FieldError($"taskIds[{x.i}]", $"no task has id '{x.id}'.")).ToList();
        if (unknown.Count > 0)
        {
            throw new RequestValidationException(unknown);
        }

        if (patch.Status == TaskStatuses.Open)
        {
            await RefuseSecondOpenAsync(ids!, cancellationToken).ConfigureAwait(false);
        }

        var by = Caller.Of(request);
        var now = new List<PlaybookTaskRecord>(ids!.Count);
        var changed = 0;
        foreach (var id in ids!)
        {
            var (task, didChange) = await ChangeAsync(id, patch, by, accountOf[id], cancellationToken, checkedReopen: true).ConfigureAwait(false);
            if (task is not null)
            {
                now.Add(task);
                changed += didChange ? 1 : 0;
            }
        }

        return Results.Json(new TaskBulkResult(changed, now.Count - changed, now), AppJson.Default.TaskBulkResult);
    }

    /// <summary>
    /// The one way a task is changed, for a PATCH and for each task of a bulk change (whose reopenings were checked before
    /// any change: <paramref name="checkedReopen"/>): the task as it is now (null: none has the id) and whether this call
    /// changed it.
    /// </summary>
    private async Task<(PlaybookTaskRecord? Task, bool Changed)> ChangeAsync(
        string taskId, TaskPatch patch, Principal by, string? accountId, CancellationToken cancellationToken, bool checkedReopen = false)
    {
        if (patch.Status == TaskStatuses.Open && !checkedReopen)
        {
            await RefuseSecondOpenAsync([taskId], cancellationToken).ConfigureAwait(false);
        }

        PlaybookTaskRecord? read = null;
        var task = await tasks.UpdateAsync(taskId, t => patch.ApplyTo(read = t, clock.GetUtcNow(), by.Author), cancellationToken, accountId).ConfigureAwait(false);
        if (task is not null)
        {
            await audit.RecordAsync(AuditTrail.AccountSubject(task.AccountId), by, AuditActions.TaskChange, taskId,
                TaskState.Of(read), TaskState.Of(task), cancellationToken).ConfigureAwait(false);
        }

        if (task is not null && patch.Status is TaskStatuses.Done or TaskStatuses.Dismissed && task.Status == patch.Status
            && models.Current.Playbooks.DwellRules.Any(r => r.Playbook == task.Playbook))
        {
            // Also on a retry of the same patch (which changes nothing): the day is the close's own, so it is the same write.
            var closed = task.Changes?.LastOrDefault(c => c.Status == task.Status)?.At ?? task.UpdatedAt ?? clock.GetUtcNow();
            await accounts.RestartDwellAsync(task.AccountId, task.Playbook, DateOnly.FromDateTime(closed.UtcDateTime), cancellationToken).ConfigureAwait(false);
        }

        return (task, task is not null && !ReferenceEquals(task, read));
    }

    /// <summary>
    /// 409 when a closed task among <paramref name="taskIds"/> would be reopened while its account has another task of the
    /// same playbook open, or while another of them, of the same account and playbook, is reopened too.
    /// </summary>
    private async Task RefuseSecondOpenAsync(IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        var reopening = new Dictionary<(string Account, string Playbook), string>();
        foreach (var taskId in taskIds)
        {
            if (await tasks.FindAsync(taskId, cancellationToken).ConfigureAwait(false) is not { Status: not TaskStatuses.Open } closed)
            {
                continue; // unknown (404) or already open (nothing changes)
            }

            if (!reopening.TryAdd((closed.AccountId, closed.Playbook), taskId))
            {
                throw new ConflictException(
                    $"Tasks '{reopening[(closed.AccountId, closed.Playbook)]}' and '{taskId}' are both of playbook '{closed.Playbook}' for account '{closed.AccountId}': an account has one open task per playbook, so reopen one of them.",
                    openTask: reopening[(closed.AccountId, closed.Playbook)]);
            }

            await foreach (var open in tasks.ListAsync(closed.AccountId, TaskStatuses.Open, cancellationToken).ConfigureAwait(false))
            {
                if (open.Playbook == closed.Playbook && open.TaskId != closed.TaskId)
                {
                    throw new ConflictException(
                        $"Account '{closed.AccountId}' already has task '{open.TaskId}' of playbook '{open.Playbook}' open (\"{open.Title}\"): an account has one open task per playbook. Work or close that one instead of reopening '{taskId}'.",
                        openTask: open.TaskId);
                }
            }
        }
    }

    private static string? TaskIdProblem(string taskId) =>
        taskId.Length is 0 or > 200 || taskId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? "must be a task id as GET /api/tasks lists it."
            : null;
}
