namespace HealthFunctions.Calibration.Jobs;

/// <summary>
/// Which timer runs a job, so a backlog of one kind never holds up the others: backtests (which a page or a script may
/// queue by the dozen) have their lane and timer (RunBacktests); every other kind (calibrations, and any kind added later)
/// runs in the models lane (RunJobs). Each lane's timer runs its own oldest due job, whatever the other lane is doing.
/// </summary>
public enum JobLane
{
    /// <summary>Calibrations and every kind but backtests (RunJobs).</summary>
    Models,

    /// <summary>Backtests (RunBacktests).</summary>
    Backtests,
}
