using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Tables;

/// <summary>
/// The Table service of one account over Azure.Core: Shared Key (SharedKeyLite) from a connection string, or a
/// <see cref="TokenCredential"/> (managed identity) in Azure. Table clients share its pipeline.
/// </summary>
public sealed class TableServiceClient : ITableServiceClient
{
    private readonly HttpPipeline _pipeline;

    /// <summary>From a storage connection string (including <c>UseDevelopmentStorage=true</c>).</summary>
    public TableServiceClient(string connectionString, TableClientOptions? options = null)
        : this(Parse(connectionString), options)
    {
    }

    /// <summary>From an endpoint (e.g. https://acct.table.core.windows.net) and the account key.</summary>
    public TableServiceClient(Uri endpoint, StorageSharedKeyCredential credential, TableClientOptions? options = null)
        : this(endpoint, StoragePipeline.SharedKeyLite(credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    /// <summary>From an endpoint and an Entra ID credential (scope https://storage.azure.com/.default).</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
        : this(endpoint, StoragePipeline.Bearer(credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    private TableServiceClient((Uri Endpoint, StorageSharedKeyCredential Credential) parsed, TableClientOptions? options)
        : this(parsed.Endpoint, parsed.Credential, options)
    {
    }

    private TableServiceClient(Uri endpoint, HttpPipelinePolicy auth, TableClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new TableClientOptions();
        Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/'));
        _pipeline = StoragePipeline.Build(options, auth,
            (StorageHeaders.Version, options.ServiceVersion), ("DataServiceVersion", "3.0"), ("MaxDataServiceVersion", "3.0;NetFx"));
    }

    /// <summary>The service endpoint (path-style for Azurite: http://127.0.0.1:10002/devstoreaccount1).</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc cref="ITableServiceClient.GetTableClient"/>
    public TableClient GetTableClient(string tableName) => new(_pipeline, Endpoint, tableName);

    ITableClient ITableServiceClient.GetTableClient(string tableName) => GetTableClient(tableName);

    private static (Uri, StorageSharedKeyCredential) Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parsed = StorageConnectionString.Parse(connectionString, "connection string");
        return (parsed.GetEndpoint(StorageService.Table), parsed.Credential);
    }
}
