namespace HealthFunctions.Settings;

/// <summary>
/// Every app setting the code reads, in one place. infra/ and local.settings.sample.json draw from the
/// same list; a test keeps them in step.
/// </summary>
public static class SettingNames
{
    /// <summary>Connection for the app's own tables, blobs and queues (connection string, or HealthStorage__accountName + identity).</summary>
    public const string HealthStorage = "HealthStorage";

    /// <summary>Service Bus connection (connection string, or ServiceBusConnection__fullyQualifiedNamespace + identity). Unused in local mode.</summary>
    public const string ServiceBusConnection = "ServiceBusConnection";

    /// <summary>Prefix for table, container and queue names, so several deployments can share one account.</summary>
    public const string StoragePrefix = "HealthFunctions:StoragePrefix";

    /// <summary>Topic that receives score-change events.</summary>
    public const string ScoreChangesTopic = "ScoreChangesTopic";

    /// <summary>Subscription of the score-changes topic that DispatchPlaybooks drains.</summary>
    public const string PlaybooksSubscription = "PlaybooksSubscription";

    /// <summary>Subscription of the score-changes topic that SendAlerts drains into Slack and Teams messages.</summary>
    public const string AlertsSubscription = "AlertsSubscription";

    /// <summary>NCRONTAB for SendAlerts, which drains the alerts subscription (default every 30 seconds).</summary>
    public const string AlertsSchedule = "AlertsSchedule";

    /// <summary>Slack incoming webhook URL for alerts (a Key Vault reference in Azure); empty or not a URL: no Slack alerts.</summary>
    public const string AlertsSlackWebhookUrl = "HealthFunctions:Alerts:SlackWebhookUrl";

    /// <summary>Teams Workflows webhook URL for alerts (a Key Vault reference in Azure); empty or not a URL: no Teams alerts.</summary>
    public const string AlertsTeamsWebhookUrl = "HealthFunctions:Alerts:TeamsWebhookUrl";

    /// <summary>Tiers an account must be in (now) for an alert, comma-separated; empty: any.</summary>
    public const string AlertsTiers = "HealthFunctions:Alerts:Tiers";

    /// <summary>Segments an account must be in for an alert, comma-separated; empty: any.</summary>
    public const string AlertsSegments = "HealthFunctions:Alerts:Segments";

    /// <summary>Least ARR for an alert; 0: any.</summary>
    public const string AlertsMinArr = "HealthFunctions:Alerts:MinArr";

    /// <summary>What alerts: tier-drop, sharp-decline, new-task (comma-separated; default all three).</summary>
    public const string AlertsTriggers = "HealthFunctions:Alerts:Triggers";

    /// <summary>Attempts per alert and destination within one run (1-10, default 3), with exponential backoff.</summary>
    public const string AlertsAttempts = "HealthFunctions:Alerts:Attempts";

    /// <summary>The first backoff between attempts in milliseconds, doubled each time (default 1000).</summary>
    public const string AlertsRetryDelayMilliseconds = "HealthFunctions:Alerts:RetryDelayMilliseconds";

    /// <summary>The dashboard's URL, for the "Open account" button of an alert; empty: no button.</summary>
    public const string AlertsDashboardUrl = "HealthFunctions:Alerts:DashboardUrl";

    /// <summary>NCRONTAB (6 fields) for the daily full rescore; the RescoreAll timer reads it as %RescoreSchedule%.</summary>
    public const string RescoreSchedule = "RescoreSchedule";

    /// <summary>NCRONTAB for rescoring accounts that received signals since their last score.</summary>
    public const string DirtyRescoreSchedule = "DirtyRescoreSchedule";

    /// <summary>Optional path of a scoring model JSON file; the shipped default model otherwise.</summary>
    public const string ModelPath = "HealthFunctions:ModelPath";

    /// <summary>Days of signal buckets kept for backtests and calibration (180-3660, default 730); a backfill may post this far back.</summary>
    public const string SignalRetentionDays = "HealthFunctions:SignalRetentionDays";

    /// <summary>NCRONTAB for RunJobs, which runs queued backtest and calibration jobs (default every 10 seconds).</summary>
    public const string JobsSchedule = "JobsSchedule";

    /// <summary>Minutes a backtest or calibration job may run before it is stopped and marked timed out (1-25, default 20).</summary>
    public const string JobTimeoutMinutes = "HealthFunctions:JobTimeoutMinutes";

    /// <summary>Accounts scored in parallel during a rescore (1-64).</summary>
    public const string RescoreParallelism = "HealthFunctions:RescoreParallelism";

    /// <summary>Deliveries of a message on the local bus before it is dead-lettered (in Azure: the subscription's maxDeliveryCount).</summary>
    public const string MaxDeliveryCount = "HealthFunctions:MaxDeliveryCount";

    /// <summary>Optional URL that receives every playbook task created (HTTP POST, JSON).</summary>
    public const string TaskWebhookUrl = "HealthFunctions:TaskWebhookUrl";

    /// <summary>Optional path of the webhook mapping JSON (sources to signals); the shipped default mappings otherwise.</summary>
    public const string WebhookMappingsPath = "HealthFunctions:WebhookMappingsPath";

    /// <summary>Seconds a signed webhook's timestamp may differ from now before it is refused as stale (default 300).</summary>
    public const string WebhookToleranceSeconds = "HealthFunctions:WebhookToleranceSeconds";

    /// <summary>Segment webhook signing secret; a Key Vault reference in Azure.</summary>
    public const string SegmentSecret = "HealthFunctions:Webhooks:Segment:Secret";

    /// <summary>Second active Segment secret during rotation (may be empty).</summary>
    public const string SegmentSecondarySecret = "HealthFunctions:Webhooks:Segment:SecondarySecret";

    /// <summary>Stripe endpoint signing secret (whsec_...); a Key Vault reference in Azure.</summary>
    public const string StripeSecret = "HealthFunctions:Webhooks:Stripe:Secret";

    /// <summary>Second active Stripe secret during rotation (may be empty).</summary>
    public const string StripeSecondarySecret = "HealthFunctions:Webhooks:Stripe:SecondarySecret";

    /// <summary>Zendesk webhook signing secret; a Key Vault reference in Azure.</summary>
    public const string ZendeskSecret = "HealthFunctions:Webhooks:Zendesk:Secret";

    /// <summary>Second active Zendesk secret during rotation (may be empty).</summary>
    public const string ZendeskSecondarySecret = "HealthFunctions:Webhooks:Zendesk:SecondarySecret";

    /// <summary>NPS/CSAT survey webhook signing secret; a Key Vault reference in Azure.</summary>
    public const string NpsSecret = "HealthFunctions:Webhooks:Nps:Secret";

    /// <summary>Second active NPS secret during rotation (may be empty).</summary>
    public const string NpsSecondarySecret = "HealthFunctions:Webhooks:Nps:SecondarySecret";

    /// <summary>Standard Webhooks signing secret (whsec_ + base64); a Key Vault reference in Azure.</summary>
    public const string StandardSecret = "HealthFunctions:Webhooks:Standard:Secret";

    /// <summary>Second active Standard Webhooks secret during rotation (may be empty).</summary>
    public const string StandardSecondarySecret = "HealthFunctions:Webhooks:Standard:SecondarySecret";

    /// <summary>
    /// Where score changes travel: "ServiceBus" (the default under the Functions host) or "Local" (Azurite queues standing
    /// in for the topic's subscriptions; the default of the local runner).
    /// </summary>
    public const string Bus = "HealthFunctions:Bus";

    /// <summary>NCRONTAB for DispatchPlaybooks, which drains the playbooks subscription (default every 30 seconds).</summary>
    public const string DispatchSchedule = "DispatchSchedule";

    /// <summary>Seconds one DispatchPlaybooks run may spend draining the subscription before it leaves the rest to the next run.</summary>
    public const string DispatchBudgetSeconds = "HealthFunctions:DispatchBudgetSeconds";

    /// <summary>
    /// Which authorization is in force: "AppService" (every route but the webhooks and healthz needs the principal App
    /// Service authentication passes, with the app role its class asks for; the default under the Functions host) or
    /// "Local" (the open workspace on loopback; the default of the local runner). See Access/AccessMode.
    /// </summary>
    public const string AuthMode = "HealthFunctions:Auth:Mode";

    /// <summary>Jobs of one kind (backtest, calibrate, ...) that may be queued at once (1-1000, default 10); beyond it, 429 with Retry-After.</summary>
    public const string MaxQueuedJobsPerKind = "HealthFunctions:MaxQueuedJobsPerKind";

    /// <summary>NCRONTAB for CleanUp, the daily removal of table rows past their retention (default 03:30 UTC).</summary>
    public const string CleanupSchedule = "CleanupSchedule";

    /// <summary>Days a finished job's row is kept (1-3660, default 90); infra/ removes its blobs after as many days.</summary>
    public const string JobRetentionDays = "HealthFunctions:JobRetentionDays";

    /// <summary>Days a parked or partial webhook delivery stays listed and replayable (1-3660, default 180; at most the archive's retention).</summary>
    public const string ParkedRetentionDays = "HealthFunctions:ParkedRetentionDays";

    /// <summary>Days an audit entry is kept (30-3660, default 730).</summary>
    public const string AuditRetentionDays = "HealthFunctions:AuditRetentionDays";
}
