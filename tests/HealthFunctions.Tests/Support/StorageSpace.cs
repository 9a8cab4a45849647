using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Tests.Support;

/// <summary>
/// The app's tables and containers under a prefix of their own on the collection's Azurite, with SDK clients built as
/// the app builds them (its retry options) and a policy that records every response status.
/// </summary>
public sealed class StorageSpace
{
    private StorageSpace(AzuriteFixture azurite)
    {
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        HealthFunctions.Hosting.AzureClients.Configure(tableOptions.Retry);
        HealthFunctions.Hosting.AzureClients.Configure(blobOptions.Retry);
        tableOptions.AddPolicy(Responses, HttpPipelinePosition.PerRetry);
        blobOptions.AddPolicy(Responses, HttpPipelinePosition.PerRetry);
        Tables = new TableServiceClient(azurite.ConnectionString, tableOptions);
        Blobs = new BlobServiceClient(azurite.ConnectionString, blobOptions);
        Names = new TableNames(Options.Create(new PipelineOptions { StoragePrefix = "t" + Guid.NewGuid().ToString("N")[..10] }));
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public TableNames Names { get; }

    public ResponseRecorder Responses { get; } = new();

    /// <summary>A new space with every table and container created.</summary>
    public static async Task<StorageSpace> CreateAsync(AzuriteFixture azurite)
    {
        var space = new StorageSpace(azurite);
        foreach (var table in space.Names.AllTables)
        {
            await space.Tables.CreateTableIfNotExistsAsync(table);
        }

        foreach (var container in space.Names.AllContainers)
        {
            await space.Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync();
        }

        return space;
    }

    /// <summary>Records the method and status of every response (retries included).</summary>
    public sealed class ResponseRecorder : HttpPipelinePolicy
    {
        private readonly List<(string Method, int Status)> _seen = [];

        public IReadOnlyList<(string Method, int Status)> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public void Clear()
        {
            lock (_seen)
            {
                _seen.Clear();
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Record(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Record(message);
        }

        private void Record(HttpMessage message)
        {
            if (message.HasResponse)
            {
                lock (_seen)
                {
                    _seen.Add((message.Request.Method.Method, message.Response.Status));
                }
            }
        }
    }
}
