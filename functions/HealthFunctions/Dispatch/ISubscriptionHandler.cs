using Azure.Messaging.ServiceBus;

namespace HealthFunctions.Dispatch;

/// <summary>
/// The work for one message of a subscription of the score-changes topic (playbook tasks, alerts): completed, or
/// dead-lettered with a reason when it can never succeed; an exception means a transient failure, and the message is
/// delivered again. <see cref="SubscriptionDrain"/> runs it over a subscription; a <c>[ServiceBusTrigger]</c> function
/// would call it unchanged.
/// </summary>
public interface ISubscriptionHandler
{
    /// <summary>Handles one message.</summary>
    Task<DispatchOutcome> HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken);
}
