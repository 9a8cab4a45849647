namespace HealthFunctions.Messaging.Local;

/// <summary>
/// Called between the local bus's steps (a message remembered as pending; then sent to the subscription queues). Does
/// nothing; the local runner's crash test swaps in one that blocks there, so a process can be killed between the steps.
/// </summary>
public class LocalBusSteps
{
    /// <summary>After the message was remembered as pending, before it is sent.</summary>
    public virtual Task RememberedAsync(string messageId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the message was sent to every subscription queue, before it is marked sent.</summary>
    public virtual Task SentAsync(string messageId, CancellationToken cancellationToken) => Task.CompletedTask;
}
