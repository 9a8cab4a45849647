using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Queues;

/// <summary>
/// The Queue service of one account over Azure.Core: full SharedKey signing from a connection string (Azurite's
/// Queue service rejects SharedKeyLite), or a <see cref="TokenCredential"/> in Azure.
/// </summary>
public sealed class QueueServiceClient : IQueueServiceClient
{
    private readonly HttpPipeline _pipeline;

    /// <summary>From a storage connection string (including <c>UseDevelopmentStorage=true</c>).</summary>
    public QueueServiceClient(string connectionString, QueueClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString ?? throw new ArgumentNullException(nameof(connectionString)), "connection string"), options)
    {
    }

    /// <summary>From an endpoint and the account key.</summary>
    public QueueServiceClient(Uri endpoint, StorageSharedKeyCredential credential, QueueClientOptions? options = null)
        : this(endpoint, StoragePipeline.SharedKey(credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    /// <summary>From an endpoint and an Entra ID credential (scope https://storage.azure.com/.default).</summary>
    public QueueServiceClient(Uri endpoint, TokenCredential credential, QueueClientOptions? options = null)
        : this(endpoint, StoragePipeline.Bearer(credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    private QueueServiceClient(StorageConnectionString parsed, QueueClientOptions? options)
        : this(parsed.GetEndpoint(StorageService.Queue), parsed.Credential, options)
    {
    }

    private QueueServiceClient(Uri endpoint, HttpPipelinePolicy auth, QueueClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new QueueClientOptions();
        Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/'));
        _pipeline = StoragePipeline.Build(options, auth, (StorageHeaders.Version, options.ServiceVersion));
    }

    /// <summary>The service endpoint.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc cref="IQueueServiceClient.GetQueueClient"/>
    public QueueClient GetQueueClient(string queueName) => new(_pipeline, Endpoint, queueName);

    IQueueClient IQueueServiceClient.GetQueueClient(string queueName) => GetQueueClient(queueName);
}
