using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Queues;
using HealthFunctions.Storage.Tables;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Hosting;

/// <summary>Creates the app's tables, the webhook archive container (and, locally, the subscription queues) at start-up, and loads the webhook mapping; existing ones are left alone.</summary>
public sealed class StorageInitializer(
    ITableServiceClient tables,
    IQueueServiceClient queues,
    TableNames names,
    HostingMode mode,
    IOptions<PipelineOptions> options,
    Webhooks.WebhookArchive archive,
    Webhooks.WebhookMappingProvider mappings) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = mappings.Current; // constructed here so a bad mapping file stops the start-up, every problem listed
        await Task.WhenAll(names.AllTables.Select(t => tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken))).ConfigureAwait(false);
        await archive.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        if (mode.IsLocal)
        {
            await queues.GetQueueClient(names.SubscriptionQueue(options.Value.PlaybooksSubscription)).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await queues.GetQueueClient(names.SubscriptionQueue(Messaging.LocalTopicSender.DownstreamSubscription)).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
