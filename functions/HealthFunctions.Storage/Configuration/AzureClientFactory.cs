using Azure.Core;
using Azure.Identity;
using HealthFunctions.Storage.Blobs;
using HealthFunctions.Storage.Internal;
using HealthFunctions.Storage.Queues;
using HealthFunctions.Storage.ServiceBus;
using HealthFunctions.Storage.Tables;
using Microsoft.Extensions.Configuration;

namespace HealthFunctions.Storage.Configuration;

/// <summary>
/// Builds clients from app settings the way the Functions host reads a connection named N: the value of N as a
/// connection string; otherwise identity settings <c>N__accountName</c> / <c>N__tableServiceUri</c> (storage) or
/// <c>N__fullyQualifiedNamespace</c> (Service Bus), with <c>N__credential=managedidentity</c> and optional
/// <c>N__clientId</c>, else DefaultAzureCredential. Errors name the setting and never echo a secret.
/// </summary>
public static class AzureClientFactory
{
    /// <summary>A Table service client for connection <paramref name="name"/>.</summary>
    public static TableServiceClient CreateTableService(IConfiguration configuration, string name) =>
        CreateTableService(configuration, name, new TableClientOptions());

    /// <summary>A Table service client for connection <paramref name="name"/> with <paramref name="options"/>.</summary>
    public static TableServiceClient CreateTableService(IConfiguration configuration, string name, TableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Resolve(configuration, name, StorageService.Table) switch
        {
            (StorageConnectionString cs, _, _) => new TableServiceClient(cs.GetEndpoint(StorageService.Table), cs.Credential, options),
            (_, var endpoint, var credential) => new TableServiceClient(endpoint!, credential!, options),
        };
    }

    /// <summary>A Blob service client for connection <paramref name="name"/>.</summary>
    public static BlobServiceClient CreateBlobService(IConfiguration configuration, string name) =>
        CreateBlobService(configuration, name, new BlobClientOptions());

    /// <summary>A Blob service client for connection <paramref name="name"/> with <paramref name="options"/>.</summary>
    public static BlobServiceClient CreateBlobService(IConfiguration configuration, string name, BlobClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Resolve(configuration, name, StorageService.Blob) switch
        {
            (StorageConnectionString cs, _, _) => new BlobServiceClient(cs.GetEndpoint(StorageService.Blob), cs.Credential, options),
            (_, var endpoint, var credential) => new BlobServiceClient(endpoint!, credential!, options),
        };
    }

    /// <summary>A Queue service client for connection <paramref name="name"/>.</summary>
    public static QueueServiceClient CreateQueueService(IConfiguration configuration, string name) =>
        CreateQueueService(configuration, name, new QueueClientOptions());

    /// <summary>A Queue service client for connection <paramref name="name"/> with <paramref name="options"/>.</summary>
    public static QueueServiceClient CreateQueueService(IConfiguration configuration, string name, QueueClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Resolve(configuration, name, StorageService.Queue) switch
        {
            (StorageConnectionString cs, _, _) => new QueueServiceClient(cs.GetEndpoint(StorageService.Queue), cs.Credential, options),
            (_, var endpoint, var credential) => new QueueServiceClient(endpoint!, credential!, options),
        };
    }

    /// <summary>A Service Bus client for connection <paramref name="name"/>.</summary>
    public static ServiceBusClient CreateServiceBus(IConfiguration configuration, string name) =>
        CreateServiceBus(configuration, name, new ServiceBusClientOptions());

    /// <summary>A Service Bus client for connection <paramref name="name"/> with <paramref name="options"/>.</summary>
    public static ServiceBusClient CreateServiceBus(IConfiguration configuration, string name, ServiceBusClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = ConnectionString(configuration, name);
        if (connectionString is not null)
        {
            var (ns, key) = ServiceBusConnectionString.Parse(connectionString, name);
            return new ServiceBusClient(ns, key, options);
        }

        var section = configuration.GetSection(name);
        var fullyQualifiedNamespace = section["fullyQualifiedNamespace"];
        if (string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            throw new StorageConfigurationException(name,
                $"No Service Bus connection is configured for '{name}'. Set '{name}__fullyQualifiedNamespace' " +
                $"(e.g. contoso.servicebus.windows.net) to use a managed identity, or '{name}' to a connection string.");
        }

        if (fullyQualifiedNamespace.Contains('/', StringComparison.Ordinal) || Uri.CheckHostName(fullyQualifiedNamespace) == UriHostNameType.Unknown)
        {
            throw new StorageConfigurationException(name + "__fullyQualifiedNamespace",
                $"'{name}__fullyQualifiedNamespace' must be a host name like contoso.servicebus.windows.net, without scheme or path.");
        }

        return new ServiceBusClient(fullyQualifiedNamespace, CreateCredential(section, name), options);
    }

    private static (StorageConnectionString? ConnectionString, Uri? Endpoint, TokenCredential? Credential) Resolve(
        IConfiguration configuration, string name, StorageService service)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var connectionString = ConnectionString(configuration, name);
        if (connectionString is not null)
        {
            return (StorageConnectionString.Parse(connectionString, name), null, null);
        }

        var section = configuration.GetSection(name);
        var uriKey = service.ToString().ToLowerInvariant() + "ServiceUri";
        var serviceUri = section[uriKey];
        var accountName = section["accountName"];
        Uri endpoint;
        if (!string.IsNullOrWhiteSpace(serviceUri))
        {
            if (!Uri.TryCreate(serviceUri, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps)
            {
                throw new StorageConfigurationException($"{name}__{uriKey}",
                    $"'{name}__{uriKey}' must be an absolute https URI like https://<account>.{service.ToString().ToLowerInvariant()}.core.windows.net.");
            }

            endpoint = parsed;
        }
        else if (!string.IsNullOrWhiteSpace(accountName))
        {
            if (accountName.Length is < 3 or > 24 || !accountName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            {
                throw new StorageConfigurationException($"{name}__accountName",
                    $"'{name}__accountName' must be a storage account name: 3-24 lower-case letters and digits.");
            }

            endpoint = new Uri($"https://{accountName}.{service.ToString().ToLowerInvariant()}.core.windows.net");
        }
        else
        {
            throw new StorageConfigurationException(name,
                $"No storage connection is configured for '{name}'. Set '{name}' to a connection string " +
                $"(UseDevelopmentStorage=true for Azurite), or '{name}__accountName' (or '{name}__{uriKey}') to use a managed identity.");
        }

        return (null, endpoint, CreateCredential(section, name));
    }

    private static string? ConnectionString(IConfiguration configuration, string name)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration.GetConnectionString(name);
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static TokenCredential CreateCredential(IConfigurationSection section, string name)
    {
        var credential = section["credential"];
        var clientId = section["clientId"];
        if (string.IsNullOrWhiteSpace(credential))
        {
            return new DefaultAzureCredential();
        }

        if (!string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageConfigurationException($"{name}__credential",
                $"'{name}__credential' must be 'managedidentity' (or be left out to use DefaultAzureCredential).");
        }

        return string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
