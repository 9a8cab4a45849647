namespace HealthFunctions.Calibration.Jobs;

/// <summary>As many jobs of a kind are queued as the cap allows; answered 429 with Retry-After.</summary>
public sealed class JobQueueFullException(JobKind kind, int cap)
    : Exception($"{cap} {kind.ToString().ToLowerInvariant()} jobs are queued already (setting HealthFunctions__MaxQueuedJobsPerKind); try again once one has started.")
{
    /// <summary>Seconds to wait before trying again: about one run of the job timers.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>The kind whose queue is full.</summary>
    public JobKind Kind { get; } = kind;
}
