using Azure.Messaging.ServiceBus;
using HealthFunctions.Dispatch;

namespace HealthFunctions.Alerts;

/// <summary>The alerts subscription's receiver and its drain (the same <see cref="SubscriptionDrain"/> DispatchPlaybooks runs, with <see cref="AlertDispatcher"/>).</summary>
public sealed class AlertsDrain(ServiceBusReceiver receiver, SubscriptionDrain drain)
{
    /// <summary>The alerts subscription (tests peek its dead letters through it).</summary>
    public ServiceBusReceiver Receiver { get; } = receiver;

    /// <summary>Drains until empty, budget spent, or a transient failure.</summary>
    public Task<DrainSummary> DrainAsync(CancellationToken cancellationToken) => drain.DrainAsync(cancellationToken);
}
