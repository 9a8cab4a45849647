using System.Text.Json;
using HealthFunctions.Access;
using HealthFunctions.Errors;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>
/// RunJobs (timer, %JobsSchedule%): runs the next due backtest or calibration job, outside any HTTP request, so a long
/// job never meets the HTTP timeout. <c>GET /api/jobs/{id}</c> shows a job's progress and, once finished, its result;
/// <c>GET /api/jobs</c> lists the newest.
/// </summary>
public sealed class JobFunctions(JobRunner runner, JobStore jobs)
{
    /// <summary>The timer function's name.</summary>
    public const string Name = "RunJobs";

    /// <summary>Jobs listed by <c>GET /api/jobs</c>.</summary>
    public const int Listed = 50;

    /// <summary>One scheduled run: the next due job, if any.</summary>
    [Function(Name)]
    public Task RunJobsAsync([TimerTrigger("%JobsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        runner.RunNextAsync(cancellationToken);

    /// <summary>A job: status, progress and, once it succeeded, its result.</summary>
    [Function("GetJob")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> GetJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "jobs/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException($"No job has id '{id}'.");
        JsonElement? result = null;
        if (job.Status == JobStatus.Succeeded && await jobs.ReadResultAsync(job.Id, cancellationToken).ConfigureAwait(false) is { } json)
        {
            using var document = JsonDocument.Parse(json);
            result = document.RootElement.Clone();
        }

        return Results.Json(JobView.Of(job, result), AppJson.Default.JobView);
    }

    /// <summary>The newest jobs, without their results.</summary>
    [Function("ListJobs")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> ListJobsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "jobs")] HttpRequest request, CancellationToken cancellationToken)
    {
        var list = await jobs.ListAsync(Listed, cancellationToken).ConfigureAwait(false);
        return Results.Json(new JobList(list.Select(j => JobView.Of(j)).ToList()), AppJson.Default.JobList);
    }
}
