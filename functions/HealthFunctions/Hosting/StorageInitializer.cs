using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Hosting;

/// <summary>
/// Creates the app's tables and containers at start-up (existing ones left alone; infra/ declares the same ones in
/// Azure) and, on the local bus, the subscription and dead-letter queues and the duplicate-detection table, and sends
/// again what a stopped process left pending there; loads the webhook mapping and the stored active model, if one was activated.
/// </summary>
public sealed class StorageInitializer(
    TableServiceClient tables,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    ModelStore models,
    TableNames names,
    HostingMode mode,
    IOptions<PipelineOptions> options,
    Webhooks.WebhookMappingProvider mappings,
    IServiceProvider services) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = mappings.Current; // constructed here so a bad mapping file stops the start-up, every problem listed
        var tableNames = mode.UsesLocalBus ? names.AllTables.Append(names.LocalBusMessageIds) : names.AllTables;
        await Task.WhenAll(tableNames.Select(t => tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(names.AllContainers.Select(c => blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken))).ConfigureAwait(false);
        await models.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (mode.UsesLocalBus)
        {
            string[] subscriptions = [options.Value.PlaybooksSubscription, LocalTopicSender.DownstreamSubscription, options.Value.AlertsSubscription];
            var queueNames = subscriptions.SelectMany(s => new[] { names.SubscriptionQueue(s), names.DeadLetterQueue(s) });
            await Task.WhenAll(queueNames.Select(q => queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken))).ConfigureAwait(false);
            if (services.GetRequiredService<Azure.Messaging.ServiceBus.ServiceBusSender>() is LocalTopicSender sender)
            {
                await sender.ResendPendingAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
