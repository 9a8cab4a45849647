using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.ServiceBus;

/// <summary>
/// One Service Bus namespace over the REST API: SAS (connection string or <see cref="AzureNamedKeyCredential"/>) or
/// Entra ID (<see cref="TokenCredential"/>, scope https://servicebus.azure.net/.default). Senders share its pipeline.
/// </summary>
public sealed class ServiceBusClient : IServiceBusClient
{
    /// <summary>The Entra ID scope for Service Bus.</summary>
    public const string Scope = "https://servicebus.azure.net/.default";

    private readonly HttpPipeline _pipeline;

    /// <summary>From a namespace connection string (Endpoint, SharedAccessKeyName, SharedAccessKey).</summary>
    public ServiceBusClient(string connectionString, ServiceBusClientOptions? options = null)
        : this(ServiceBusConnectionString.Parse(connectionString ?? throw new ArgumentNullException(nameof(connectionString)), "connection string"),
            options ?? new ServiceBusClientOptions())
    {
    }

    /// <summary>From a namespace host (ns.servicebus.windows.net) and a SAS key name and key.</summary>
    public ServiceBusClient(string fullyQualifiedNamespace, AzureNamedKeyCredential credential, ServiceBusClientOptions? options = null)
        : this((fullyQualifiedNamespace, credential ?? throw new ArgumentNullException(nameof(credential))), options ?? new ServiceBusClientOptions())
    {
    }

    /// <summary>From a namespace host (ns.servicebus.windows.net) and an Entra ID credential.</summary>
    public ServiceBusClient(string fullyQualifiedNamespace, TokenCredential credential, ServiceBusClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new ServiceBusClientOptions();
        Endpoint = EndpointFor(fullyQualifiedNamespace);
        _pipeline = HttpPipelineBuilder.Build(options, [], [new BearerTokenAuthenticationPolicy(credential, Scope)], new ResponseClassifier());
    }

    private ServiceBusClient((string Namespace, AzureNamedKeyCredential Credential) sas, ServiceBusClientOptions options)
    {
        Endpoint = EndpointFor(sas.Namespace);
        _pipeline = HttpPipelineBuilder.Build(options, [],
            [new ServiceBusSasPolicy(sas.Credential, options.TimeProvider, options.SasTokenLifetime)], new ResponseClassifier());
    }

    /// <summary>The namespace endpoint, https://{namespace}.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc cref="IServiceBusClient.CreateSender"/>
    public ServiceBusSender CreateSender(string queueOrTopicName) => new(_pipeline, Endpoint, queueOrTopicName);

    IServiceBusSender IServiceBusClient.CreateSender(string queueOrTopicName) => CreateSender(queueOrTopicName);

    private static Uri EndpointFor(string fullyQualifiedNamespace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        var host = fullyQualifiedNamespace.Contains("://", StringComparison.Ordinal)
            ? new Uri(fullyQualifiedNamespace).Authority
            : fullyQualifiedNamespace.TrimEnd('/');
        if (Uri.CheckHostName(host.Split(':')[0]) == UriHostNameType.Unknown)
        {
            throw new ArgumentException($"'{fullyQualifiedNamespace}' is not a namespace host like 'contoso.servicebus.windows.net'.",
                nameof(fullyQualifiedNamespace));
        }

        return new Uri("https://" + host);
    }
}
