using Azure;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>A job as stored: request, status, attempts, the runner holding it, its progress and, when it failed, why.</summary>
/// <param name="Id">The job id (time-ordered).</param>
/// <param name="Request">What it was asked to do.</param>
/// <param name="Status">Where it is.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="StartedAt">When its current (or last) attempt started.</param>
/// <param name="HeartbeatAt">When its runner last said it was alive.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Attempts">Attempts started (a runner that stopped without finishing leaves a job to be started again).</param>
/// <param name="Owner">The runner holding it while it runs.</param>
/// <param name="Progress">How far the current attempt has got.</param>
/// <param name="Error">Why it failed or timed out.</param>
/// <param name="ProposedVersion">For a finished calibration, the version of the proposal it stored.</param>
/// <param name="ETag">Guards the next change.</param>
public sealed record JobRecord(
    string Id,
    JobRequest Request,
    JobStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? HeartbeatAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    string? Owner,
    JobProgress? Progress,
    string? Error,
    string? ProposedVersion,
    ETag ETag)
{
    /// <summary>True once it has stopped for good.</summary>
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.TimedOut;
}
