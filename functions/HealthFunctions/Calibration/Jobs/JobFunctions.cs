using System.Text.Json;
using HealthFunctions.Access;
using HealthFunctions.Errors;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>
/// RunJobs and RunBacktests (timers, %JobsSchedule%): each runs the next due job of its lane (<see cref="JobLane"/>:
/// calibrations and every other kind; backtests), outside any HTTP request, so a long job never meets the HTTP timeout and
/// a backlog of backtests never holds up a calibration. <c>GET /api/jobs/{id}</c> shows a job's progress and, once
/// finished, its result; <c>GET /api/jobs</c> lists the newest.
/// </summary>
public sealed class JobFunctions(JobRunner runner, JobStore jobs)
{
    /// <summary>The models lane's timer function (calibrations and every kind but backtests).</summary>
    public const string Name = "RunJobs";

    /// <summary>The backtests lane's timer function.</summary>
    public const string BacktestsName = "RunBacktests";

    /// <summary>Jobs listed by <c>GET /api/jobs</c>.</summary>
    public const int Listed = 50;

    /// <summary>One scheduled run of the models lane: its next due job, if any.</summary>
    [Function(Name)]
    public Task RunJobsAsync([TimerTrigger("%JobsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        runner.RunNextAsync(JobLane.Models, cancellationToken);

    /// <summary>One scheduled run of the backtests lane: its next due backtest, if any.</summary>
    [Function(BacktestsName)]
    public Task RunBacktestsAsync([TimerTrigger("%JobsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        runner.RunNextAsync(JobLane.Backtests, cancellationToken);

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
