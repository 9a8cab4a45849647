using System.ComponentModel.DataAnnotations;

namespace HealthFunctions.Settings;

/// <summary>The pipeline's settings (section "HealthFunctions"), validated at start-up.</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "HealthFunctions";

    /// <summary>Prefix of every table, container and queue name: lowercase letters and digits, starting with a letter.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9]{0,15}$", ErrorMessage = "HealthFunctions:StoragePrefix must be 1-16 lowercase letters or digits, starting with a letter.")]
    public string StoragePrefix { get; set; } = "hf";

    /// <summary>Topic for score-change events.</summary>
    [Required]
    public string ScoreChangesTopic { get; set; } = "score-changes";

    /// <summary>Subscription that feeds DispatchPlaybooks.</summary>
    [Required]
    public string PlaybooksSubscription { get; set; } = "playbooks";

    /// <summary>Subscription that feeds SendAlerts (Slack and Teams).</summary>
    [Required]
    public string AlertsSubscription { get; set; } = "alerts";

    /// <summary>Optional scoring model file.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Optional outbound webhook for created tasks.</summary>
    [Url]
    public string? TaskWebhookUrl { get; set; }

    /// <summary>"ServiceBus" or "Local" (see <see cref="SettingNames.Bus"/>); read by <see cref="Hosting.HostingMode"/>.</summary>
    public string? Bus { get; set; }

    /// <summary>Seconds one DispatchPlaybooks run may spend draining the playbooks subscription.</summary>
    [Range(1, 600)]
    public int DispatchBudgetSeconds { get; set; } = 25;

    /// <summary>Accounts scored in parallel during a rescore.</summary>
    [Range(1, 64)]
    public int RescoreParallelism { get; set; } = 4;

    /// <summary>Deliveries of a local-bus message before it is dead-lettered (as the subscription's maxDeliveryCount does in Azure; default 10).</summary>
    [Range(1, 100)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Days of signal buckets kept for backtests and calibration; a backfill may post this far back.</summary>
    [Range(Storage.SignalRetention.MinimumDays, Storage.SignalRetention.MaximumDays)]
    public int SignalRetentionDays { get; set; } = Storage.SignalRetention.DefaultDays;

    /// <summary>Minutes a backtest or calibration job may run (within the Functions host's 30-minute functionTimeout).</summary>
    [Range(1, 25)]
    public int JobTimeoutMinutes { get; set; } = 20;

    /// <summary>Optional webhook mapping file; the mapping embedded in the app otherwise.</summary>
    public string? WebhookMappingsPath { get; set; }

    /// <summary>Seconds a signed webhook's timestamp may differ from now before it is refused as stale.</summary>
    [Range(1, 86400)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Jobs of one kind that may wait at once; one more is refused with 429 and Retry-After.</summary>
    [Range(1, 1000)]
    public int MaxQueuedJobsPerKind { get; set; } = 10;

    /// <summary>Days a finished backtest or calibration job is kept (its row; the blob lifecycle rule removes its files after as many days).</summary>
    [Range(1, 3660)]
    public int JobRetentionDays { get; set; } = 90;

    /// <summary>Days a parked (or partially stored) webhook delivery stays listed and replayable after it was last touched.</summary>
    [Range(1, 3660)]
    public int ParkedRetentionDays { get; set; } = 180;

    /// <summary>Days an audit entry (who changed what) is kept.</summary>
    [Range(30, 3660)]
    public int AuditRetentionDays { get; set; } = 730;
}
