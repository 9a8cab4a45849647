namespace HealthFunctions.Storage.Queues;

/// <summary>The Queue service of one storage account.</summary>
public interface IQueueServiceClient
{
    /// <summary>A client for one queue (no request is made).</summary>
    IQueueClient GetQueueClient(string queueName);
}
