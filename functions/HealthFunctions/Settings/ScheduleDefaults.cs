namespace HealthFunctions.Settings;

/// <summary>
/// The schedules infra/ and local.settings.sample.json give the timer functions (6-field NCRONTAB, UTC). The
/// Functions host has no default for a %Setting% schedule, so the setting must exist; a test keeps these in step.
/// </summary>
public static class ScheduleDefaults
{
    /// <summary>RescoreAll: daily at 02:00 UTC.</summary>
    public const string Rescore = "0 0 2 * * *";

    /// <summary>RescoreDirty: every minute.</summary>
    public const string DirtyRescore = "0 */1 * * * *";

    /// <summary>DispatchPlaybooks: every 30 seconds.</summary>
    public const string Dispatch = "*/30 * * * * *";

    /// <summary>SendAlerts: every 30 seconds.</summary>
    public const string Alerts = "*/30 * * * * *";

    /// <summary>RunJobs: every 10 seconds (a queued backtest or calibration starts within that).</summary>
    public const string Jobs = "*/10 * * * * *";

    /// <summary>CleanUp: daily at 03:30 UTC, after the full rescore.</summary>
    public const string Cleanup = "0 30 3 * * *";
}
