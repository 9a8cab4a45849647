using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Blobs;
using HealthFunctions.Storage.Queues;
using HealthFunctions.Storage.Tables;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Hosting;

/// <summary>
/// Creates the app's tables, the models and webhook archive containers (and, locally, the subscription queues) at
/// start-up, existing ones left alone; loads the webhook mapping and the stored active model, if one was activated.
/// </summary>
public sealed class StorageInitializer(
    ITableServiceClient tables,
    IQueueServiceClient queues,
    IBlobServiceClient blobs,
    ModelStore models,
    TableNames names,
    HostingMode mode,
    IOptions<PipelineOptions> options,
    Webhooks.WebhookMappingProvider mappings) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = mappings.Current; // constructed here so a bad mapping file stops the start-up, every problem listed
        await Task.WhenAll(names.AllTables.Select(t => tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(names.AllContainers.Select(c => blobs.GetContainerClient(c).CreateIfNotExistsAsync(cancellationToken))).ConfigureAwait(false);
        await models.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (mode.IsLocal)
        {
            await queues.GetQueueClient(names.SubscriptionQueue(options.Value.PlaybooksSubscription)).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await queues.GetQueueClient(names.SubscriptionQueue(Messaging.LocalTopicSender.DownstreamSubscription)).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
