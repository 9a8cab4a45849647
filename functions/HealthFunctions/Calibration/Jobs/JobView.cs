using System.Text.Json;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>A job as <c>GET /api/jobs/{id}</c> shows it (and <c>POST</c> answers it, with 202).</summary>
/// <param name="Id">The job id.</param>
/// <param name="Kind">"backtest" or "calibrate".</param>
/// <param name="Status">"queued", "running", "succeeded", "failed" or "timedout".</param>
/// <param name="LeadDays">The lead times.</param>
/// <param name="Model">"active", "stored" or "draft".</param>
/// <param name="ModelVersion">The stored model's or the draft's version.</param>
/// <param name="From">Outcomes from this date, if limited.</param>
/// <param name="To">Outcomes up to this date, if limited.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="StartedAt">When its current or last attempt started.</param>
/// <param name="HeartbeatAt">When its runner last wrote its progress.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Attempts">Attempts started.</param>
/// <param name="Progress">Stage, done, total and percent of the current or last attempt.</param>
/// <param name="Error">Why it failed or timed out.</param>
/// <param name="ProposedVersion">A finished calibration's stored proposal (<c>GET /api/models/{version}</c>).</param>
/// <param name="Url">This job.</param>
/// <param name="ReportUrl">The HTML report, once it succeeded.</param>
/// <param name="Result">The result, once it succeeded: <c>backtest</c>, and <c>calibration</c> for a calibration.</param>
public sealed record JobView(
    string Id,
    string Kind,
    string Status,
    IReadOnlyList<int> LeadDays,
    string Model,
    string? ModelVersion,
    DateOnly? From,
    DateOnly? To,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? HeartbeatAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    JobProgress? Progress,
    string? Error,
    string? ProposedVersion,
    string Url,
    string? ReportUrl,
    JsonElement? Result)
{
    /// <summary>The view of <paramref name="job"/>, with its result when given.</summary>
    public static JobView Of(JobRecord job, JsonElement? result = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var r = job.Request;
        return new JobView(job.Id, r.Kind.ToString().ToLowerInvariant(), job.Status.ToString().ToLowerInvariant(), r.LeadDays,
            r.Model.ToString().ToLowerInvariant(), r.ModelVersion, r.From, r.To, job.CreatedAt, job.StartedAt, job.HeartbeatAt, job.FinishedAt,
            job.Attempts, job.Progress, job.Error, job.ProposedVersion, $"/api/jobs/{job.Id}",
            job.Status == JobStatus.Succeeded ? $"/api/backtest/report?job={job.Id}" : null, result);
    }
}
