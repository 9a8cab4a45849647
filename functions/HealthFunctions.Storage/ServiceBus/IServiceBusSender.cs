namespace HealthFunctions.Storage.ServiceBus;

/// <summary>Sends messages to one Service Bus queue or topic.</summary>
public interface IServiceBusSender
{
    /// <summary>The queue or topic name.</summary>
    string EntityPath { get; }

    /// <summary>Sends one message.</summary>
    Task SendAsync(ServiceBusOutgoingMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends messages in one batch request (the caller keeps a batch under the tier's size limit).</summary>
    Task SendBatchAsync(IReadOnlyList<ServiceBusOutgoingMessage> messages, CancellationToken cancellationToken = default);
}
