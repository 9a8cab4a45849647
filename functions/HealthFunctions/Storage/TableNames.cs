using HealthFunctions.Settings;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Storage;

/// <summary>Names of the app's tables, containers and queues, all prefixed by the StoragePrefix setting.</summary>
public sealed class TableNames(IOptions<PipelineOptions> options)
{
    private readonly string _p = options.Value.StoragePrefix;

    /// <summary>Accounts: profile, signal state, event markers, dirty markers (PK shard).</summary>
    public string Accounts => _p + "accounts";

    /// <summary>Daily score history (PK shard, RK account|yyyyMMdd).</summary>
    public string History => _p + "history";

    /// <summary>Playbook tasks (PK account id).</summary>
    public string Tasks => _p + "tasks";

    /// <summary>Renewal outcomes (PK shard, RK account|yyyyMMdd|outcome).</summary>
    public string Outcomes => _p + "outcomes";

    /// <summary>Alerts sent (PK the score-change message id, RK slack or teams), so each goes to each destination once.</summary>
    public string Alerts => _p + "alerts";

    /// <summary>Backtest and calibration jobs: request, status, progress (PK "job", RK the job id).</summary>
    public string Jobs => _p + "jobs";

    /// <summary>Blob container of jobs' draft models and results ({job id}/model.json, {job id}/result.json).</summary>
    public string JobFiles => _p + "-jobs";

    /// <summary>Blob container of proposed and active scoring models.</summary>
    public string Models => _p + "-models";

    /// <summary>The webhook replay guard: signed deliveries received (PK source, RK hash of message id and signed timestamp).</summary>
    public string WebhookDeliveries => _p + "webhooks";

    /// <summary>Verified webhook deliveries that could not be stored, or only in part (PK source, RK hash of the delivery id).</summary>
    public string WebhookParked => _p + "webhookparked";

    /// <summary>Blob container of raw webhook bodies ({source}/{yyyy-MM-dd}/{delivery id, base64url}.json), for audit and replay.</summary>
    public string WebhookArchive => _p + "-webhooks";

    /// <summary>The audit trail: who changed what, when, before and after (PK a|{account id} or s|{scope}, RK inverted time).</summary>
    public string Audit => _p + "audit";

    /// <summary>Where the retention cleanup keeps its place between runs (PK "sweep", RK the sweep's name).</summary>
    public string Cleanup => _p + "cleanup";

    /// <summary>Local bus: the Azurite queue standing in for a topic subscription.</summary>
    public string SubscriptionQueue(string subscription) => _p + "-sb-" + subscription.ToLowerInvariant();

    /// <summary>Local bus: the queue standing in for a subscription's dead-letter queue.</summary>
    public string DeadLetterQueue(string subscription) => SubscriptionQueue(subscription) + "-dlq";

    /// <summary>Local bus: message ids sent to the topic, for duplicate detection (PK topic, RK message id).</summary>
    public string LocalBusMessageIds => _p + "localbusids";

    /// <summary>All tables the app uses in Azure (infra/ declares the same), for creation at start-up.</summary>
    public IEnumerable<string> AllTables => [Accounts, History, Tasks, Outcomes, WebhookDeliveries, WebhookParked, Jobs, Audit, Cleanup, Alerts];

    /// <summary>Every blob container the app uses.</summary>
    public IEnumerable<string> AllContainers => [Models, WebhookArchive, JobFiles];
}
