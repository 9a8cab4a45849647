using Azure.Core;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Blobs;

/// <summary>Options for <see cref="BlobServiceClient"/> (retries, diagnostics, transport from <see cref="ClientOptions"/>).</summary>
public sealed class BlobClientOptions : ClientOptions
{
    /// <summary>Creates options with the shared transport and Azure.Core's default retry policy.</summary>
    public BlobClientOptions()
    {
        Transport = SharedTransport.Instance;
    }

    /// <summary>The x-ms-version sent.</summary>
    public string ServiceVersion { get; set; } = "2023-11-03";
}
