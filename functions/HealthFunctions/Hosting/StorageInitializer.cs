using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Blobs;
using HealthFunctions.Storage.Queues;
using HealthFunctions.Storage.Tables;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Hosting;

/// <summary>
/// Creates the app's tables, the models container (and, locally, the subscription queues) at start-up; existing
/// ones are left alone. Then loads the stored active model, if one was activated.
/// </summary>
public sealed class StorageInitializer(
    ITableServiceClient tables,
    IQueueServiceClient queues,
    IBlobServiceClient blobs,
    ModelStore models,
    TableNames names,
    HostingMode mode,
    IOptions<PipelineOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(names.AllTables.Select(t => tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken))).ConfigureAwait(false);
        await blobs.GetContainerClient(names.Models).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
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
