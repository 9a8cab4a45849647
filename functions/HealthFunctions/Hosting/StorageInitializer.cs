using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Hosting;

/// <summary>
/// Creates the app's tables, the models and webhook archive containers (and, locally, the subscription queues) at
/// start-up, existing ones left alone; loads the webhook mapping and the stored active model, if one was activated.
/// </summary>
public sealed class StorageInitializer(
    TableServiceClient tables,
    IQueueServiceClient queues,
    BlobServiceClient blobs,
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
        await Task.WhenAll(names.AllTables.Select(t => tables.CreateTableIfNotExistsAsync(t, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(names.AllContainers.Select(c => blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken))).ConfigureAwait(false);
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
