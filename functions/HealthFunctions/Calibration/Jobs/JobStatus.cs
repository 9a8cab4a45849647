namespace HealthFunctions.Calibration.Jobs;

/// <summary>Where a job is.</summary>
public enum JobStatus
{
    /// <summary>Waiting for RunJobs.</summary>
    Queued,

    /// <summary>Being run; its heartbeat says the runner is alive.</summary>
    Running,

    /// <summary>Finished; its result is stored.</summary>
    Succeeded,

    /// <summary>Finished without a result; <see cref="JobRecord.Error"/> says why.</summary>
    Failed,

    /// <summary>Stopped when it ran past HealthFunctions__JobTimeoutMinutes.</summary>
    TimedOut,
}
