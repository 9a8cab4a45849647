namespace HealthFunctions.Calibration.Jobs;

/// <summary>The lane of each job kind.</summary>
public static class JobLanes
{
    /// <summary>The lane a kind runs in.</summary>
    public static JobLane Of(JobKind kind) => kind == JobKind.Backtest ? JobLane.Backtests : JobLane.Models;
}
