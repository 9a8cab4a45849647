using Azure.Core;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using HealthFunctions.Settings;
using Microsoft.Extensions.Azure;

namespace HealthFunctions.Hosting;

/// <summary>
/// Registers the official Azure clients once, through Microsoft.Extensions.Azure, from the connection settings the
/// Functions host also reads (<see cref="SettingNames.HealthStorage"/>, <see cref="SettingNames.ServiceBusConnection"/>).
/// Retries and timeouts are set here, on the client options, and nowhere else.
/// </summary>
public static class AzureClients
{
    /// <summary>Attempts after the first for a storage request (exponential back-off from <see cref="RetryDelay"/>).</summary>
    public const int MaxRetries = 3;

    /// <summary>First retry delay.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(400);

    /// <summary>Longest retry delay.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(4);

    /// <summary>Longest a single storage request may take.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registers TableServiceClient, BlobServiceClient and QueueServiceClient for the app's storage and, with
    /// <paramref name="serviceBus"/>, a ServiceBusClient. Settings are checked now, so a bad one stops the start-up.
    /// </summary>
    public static IServiceCollection AddHealthAzureClients(this IServiceCollection services, IConfiguration configuration, bool serviceBus)
    {
        var storage = StorageConnection.From(configuration, SettingNames.HealthStorage);
        var bus = serviceBus ? ServiceBusConnection.From(configuration, SettingNames.ServiceBusConnection) : null;
        services.AddAzureClients(clients =>
        {
            clients.ConfigureDefaults(options => Configure(options.Retry));
            clients.AddClient<TableServiceClient, TableClientOptions>(options => storage.ConnectionString is { } cs
                ? new TableServiceClient(cs, options)
                : new TableServiceClient(storage.ServiceUri(StorageService.Table), storage.Credential, options));
            clients.AddClient<BlobServiceClient, BlobClientOptions>(options => storage.ConnectionString is { } cs
                ? new BlobServiceClient(cs, options)
                : new BlobServiceClient(storage.ServiceUri(StorageService.Blob), storage.Credential, options));
            clients.AddClient<QueueServiceClient, QueueClientOptions>(options =>
            {
                options.MessageEncoding = QueueMessageEncoding.Base64; // what a Functions queue trigger expects
                return storage.ConnectionString is { } cs
                    ? new QueueServiceClient(cs, options)
                    : new QueueServiceClient(storage.ServiceUri(StorageService.Queue), storage.Credential, options);
            });
            if (bus is not null)
            {
                clients.AddClient<ServiceBusClient, ServiceBusClientOptions>(options =>
                {
                    options.RetryOptions = new ServiceBusRetryOptions
                    {
                        Mode = ServiceBusRetryMode.Exponential,
                        MaxRetries = MaxRetries,
                        Delay = RetryDelay,
                        MaxDelay = MaxRetryDelay,
                        TryTimeout = NetworkTimeout,
                    };
                    return bus.ConnectionString is { } cs
                        ? new ServiceBusClient(cs, options)
                        : new ServiceBusClient(bus.FullyQualifiedNamespace, bus.Credential, options);
                });
            }
        });
        return services;
    }

    /// <summary>The storage retry policy (also used by tools that build their own clients, so they behave alike).</summary>
    public static void Configure(RetryOptions retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = MaxRetries;
        retry.Delay = RetryDelay;
        retry.MaxDelay = MaxRetryDelay;
        retry.NetworkTimeout = NetworkTimeout;
    }
}
