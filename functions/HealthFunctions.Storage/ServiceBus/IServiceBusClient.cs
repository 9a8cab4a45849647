namespace HealthFunctions.Storage.ServiceBus;

/// <summary>One Service Bus namespace.</summary>
public interface IServiceBusClient
{
    /// <summary>A sender for a queue or topic (no request is made).</summary>
    IServiceBusSender CreateSender(string queueOrTopicName);
}
