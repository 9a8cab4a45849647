using System.Net;
using Azure.Core.Pipeline;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// One HTTP transport for every client in the process: a single SocketsHttpHandler whose pool is large enough
/// for many concurrent batches and whose connections are recycled so DNS changes are noticed.
/// </summary>
internal static class SharedTransport
{
    private static readonly Lazy<HttpClientTransport> s_instance = new(() => new HttpClientTransport(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    }));

    public static HttpClientTransport Instance => s_instance.Value;
}
