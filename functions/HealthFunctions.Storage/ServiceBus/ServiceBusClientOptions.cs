using Azure.Core;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.ServiceBus;

/// <summary>Options for <see cref="ServiceBusClient"/> (retries, diagnostics, transport from <see cref="ClientOptions"/>).</summary>
public sealed class ServiceBusClientOptions : ClientOptions
{
    /// <summary>Creates options with the shared transport and Azure.Core's default retry policy.</summary>
    public ServiceBusClientOptions()
    {
        Transport = SharedTransport.Instance;
    }

    /// <summary>How long a SAS token is valid; a new one is made when less than a fifth remains.</summary>
    public TimeSpan SasTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock SAS tokens are dated by (fixed in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
