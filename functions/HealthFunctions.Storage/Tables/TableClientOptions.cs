using Azure.Core;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Tables;

/// <summary>
/// Options for <see cref="TableServiceClient"/>: retries, diagnostics and transport come from
/// <see cref="ClientOptions"/>. By default all clients share one pooled HTTP transport.
/// </summary>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>Creates options with the shared transport and Azure.Core's default retry policy.</summary>
    public TableClientOptions()
    {
        Transport = SharedTransport.Instance;
    }

    /// <summary>The x-ms-version sent; 2019-02-02 is the Table service version the Azure SDKs use.</summary>
    public string ServiceVersion { get; set; } = "2019-02-02";
}
