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

    /// <summary>Messages that can never be processed (the local and custom-handler stand-in for dead-lettering).</summary>
    public string Poison => _p + "poison";

    /// <summary>Renewal outcomes (PK shard, RK account|yyyyMMdd|outcome).</summary>
    public string Outcomes => _p + "outcomes";

    /// <summary>Blob container of proposed and active scoring models.</summary>
    public string Models => _p + "-models";

    /// <summary>Accepted webhook deliveries (PK source, RK hash of the signed delivery): a replayed delivery is refused.</summary>
    public string WebhookDeliveries => _p + "webhooks";

    /// <summary>Blob container of raw webhook bodies ({source}/{yyyy-MM-dd}/{delivery id, base64url}.json), for audit and replay.</summary>
    public string WebhookArchive => _p + "-webhooks";

    /// <summary>Local-mode queue standing in for a topic subscription.</summary>
    public string SubscriptionQueue(string subscription) => _p + "-sb-" + subscription.ToLowerInvariant();

    /// <summary>All tables, for creation at start-up.</summary>
    public IEnumerable<string> AllTables => [Accounts, History, Tasks, Poison, Outcomes, WebhookDeliveries];

    /// <summary>Every blob container the app uses.</summary>
    public IEnumerable<string> AllContainers => [Models, WebhookArchive];
}
