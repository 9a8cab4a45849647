using HealthFunctions.Errors;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>The HTTP answers about jobs that are not plain JSON: 202 with the job's URL, and 409 for a job without a result yet.</summary>
public static class JobAnswers
{
    /// <summary>202 Accepted, <c>Location</c> the job's URL, the job as the body.</summary>
    public static IResult Accepted(JobRecord job) => new AcceptedJob(JobView.Of(job));

    /// <summary>409 (problem+json): the job has no result (yet, or ever).</summary>
    public static IResult NoResult(JobRecord job, string instance)
    {
        ArgumentNullException.ThrowIfNull(job);
        var detail = job.Status switch
        {
            JobStatus.Queued or JobStatus.Running => $"Job {job.Id} is {job.Status.ToString().ToLowerInvariant()} ({job.Progress?.Stage ?? "queued"}); GET /api/jobs/{job.Id} shows its progress.",
            _ => $"Job {job.Id} {job.Status.ToString().ToLowerInvariant()}: {job.Error}",
        };
        return Results.Json(new Problem("about:blank", "The job has no result.", StatusCodes.Status409Conflict, detail, instance, null),
            AppJson.Default.Problem, "application/problem+json", StatusCodes.Status409Conflict);
    }

    private sealed class AcceptedJob(JobView view) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = view.Url;
            return Results.Json(view, AppJson.Default.JobView, statusCode: StatusCodes.Status202Accepted).ExecuteAsync(httpContext);
        }
    }
}
