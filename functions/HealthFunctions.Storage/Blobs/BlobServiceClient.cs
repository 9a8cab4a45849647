using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Blobs;

/// <summary>
/// The Blob service of one account over Azure.Core: full SharedKey signing from a connection string (Azurite's
/// Blob service rejects SharedKeyLite), or a <see cref="TokenCredential"/> in Azure.
/// </summary>
public sealed class BlobServiceClient : IBlobServiceClient
{
    private readonly HttpPipeline _pipeline;

    /// <summary>From a storage connection string (including <c>UseDevelopmentStorage=true</c>).</summary>
    public BlobServiceClient(string connectionString, BlobClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString ?? throw new ArgumentNullException(nameof(connectionString)), "connection string"), options)
    {
    }

    /// <summary>From an endpoint and the account key.</summary>
    public BlobServiceClient(Uri endpoint, StorageSharedKeyCredential credential, BlobClientOptions? options = null)
        : this(endpoint, StoragePipeline.SharedKey(credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    /// <summary>From an endpoint and an Entra ID credential (scope https://storage.azure.com/.default).</summary>
    public BlobServiceClient(Uri endpoint, TokenCredential credential, BlobClientOptions? options = null)
        : this(endpoint, StoragePipeline.Bearer(credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    private BlobServiceClient(StorageConnectionString parsed, BlobClientOptions? options)
        : this(parsed.GetEndpoint(StorageService.Blob), parsed.Credential, options)
    {
    }

    private BlobServiceClient(Uri endpoint, HttpPipelinePolicy auth, BlobClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new BlobClientOptions();
        Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/'));
        _pipeline = StoragePipeline.Build(options, auth, (StorageHeaders.Version, options.ServiceVersion));
    }

    /// <summary>The service endpoint.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc cref="IBlobServiceClient.GetContainerClient"/>
    public BlobContainerClient GetContainerClient(string containerName) => new(_pipeline, Endpoint, containerName);

    IBlobContainerClient IBlobServiceClient.GetContainerClient(string containerName) => GetContainerClient(containerName);
}
