using HealthFunctions.Access;
using HealthFunctions.Audit;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Tasks;

/// <summary>
/// <c>PATCH /api/tasks/{taskId}</c>: sets a task's status, owner or note, keeping the history of changes. Idempotent: the
/// same patch again changes nothing. Reopening a task while the account has another task of that playbook open is refused
/// (409 naming the open one): one open task per account and playbook. Closing a task of a playbook with a dwell trigger
/// restarts the account's dwell clock for it, so a dismissed task is not opened again until the account has spent the
/// dwell in that tier once more. Anonymous at the Functions level, like the rest of the dashboard's API; the csm role in the
/// app. The signed-in principal is who made the change, in the task's history and the audit trail.
/// </summary>
public sealed class TaskFunctions(TaskStore tasks, AccountStore accounts, ModelProvider models, TimeProvider clock, AuditTrail audit)
{
    /// <summary>Changes one task; 404 when no task has that id.</summary>
    [Function("PatchTask")]
    [Access(RouteClass.CsmWrite)]
    public async Task<IResult> PatchTaskAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "tasks/{taskId}")] HttpRequest request, string taskId,
        CancellationToken cancellationToken)
    {
        if (taskId.Length is 0 or > 200 || taskId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new RequestValidationException("taskId", "must be a task id as GET /api/tasks lists it.");
        }

        var patch = TaskPatch.Parse(await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false));
        var caller = Caller.Of(request);
        if (patch.Status == TaskStatuses.Open)
        {
            await RefuseSecondOpenAsync(taskId, cancellationToken).ConfigureAwait(false);
        }

        PlaybookTaskRecord? before = null;
        var task = await tasks.UpdateAsync(taskId, t => patch.ApplyTo(before = t, clock.GetUtcNow(), caller.Author), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No task '{taskId}'.");
        await audit.RecordAsync(AuditTrail.AccountSubject(task.AccountId), caller, AuditActions.TaskChange, taskId,
            TaskState.Of(before), TaskState.Of(task), cancellationToken).ConfigureAwait(false);
        if (patch.Status is TaskStatuses.Done or TaskStatuses.Dismissed && task.Status == patch.Status
            && models.Current.Playbooks.DwellRules.Any(r => r.Playbook == task.Playbook))
        {
            // Also on a retry of the same patch (which changes nothing): the day is the close's own, so it is the same write.
            var closed = task.Changes?.LastOrDefault(c => c.Status == task.Status)?.At ?? task.UpdatedAt ?? clock.GetUtcNow();
            await accounts.RestartDwellAsync(task.AccountId, task.Playbook, DateOnly.FromDateTime(closed.UtcDateTime), cancellationToken).ConfigureAwait(false);
        }

        return Results.Json(task, AppJson.Default.PlaybookTaskRecord);
    }

    /// <summary>409 when the task is closed and its account has another task of the same playbook open.</summary>
    private async Task RefuseSecondOpenAsync(string taskId, CancellationToken cancellationToken)
    {
        if (await tasks.FindAsync(taskId, cancellationToken).ConfigureAwait(false) is not { Status: not TaskStatuses.Open } closed)
        {
            return; // unknown (404 below) or already open (nothing changes)
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
