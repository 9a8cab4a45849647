using HealthFunctions.Access;
using HealthFunctions.Audit;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Tasks;

/// <summary>
/// <c>PATCH /api/tasks/{taskId}</c>: sets a task's status, owner or note, keeping the history of changes. Idempotent: the
/// same patch again changes nothing. Anonymous at the Functions level, like the rest of the dashboard's API; the csm role
/// in the app. The signed-in principal is who made the change, in the task's history and the audit trail.
/// </summary>
public sealed class TaskFunctions(TaskStore tasks, TimeProvider clock, AuditTrail audit)
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
        PlaybookTaskRecord? before = null;
        var task = await tasks.UpdateAsync(taskId, t => patch.ApplyTo(before = t, clock.GetUtcNow(), caller.Author), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No task '{taskId}'.");
        await audit.RecordAsync(AuditTrail.AccountSubject(task.AccountId), caller, AuditActions.TaskChange, taskId,
            TaskState.Of(before), TaskState.Of(task), cancellationToken).ConfigureAwait(false);
        return Results.Json(task, AppJson.Default.PlaybookTaskRecord);
    }
}
