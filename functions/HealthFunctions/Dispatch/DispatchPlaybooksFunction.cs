using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Dispatch;

/// <summary>
/// DispatchPlaybooks: every %DispatchSchedule% (30 seconds by default), drains the playbooks subscription into
/// playbook tasks. A timer, not a Service Bus trigger: the trigger's isolated-worker extension is not served here.
/// </summary>
public sealed class DispatchPlaybooksFunction(SubscriptionDrain drain)
{
    /// <summary>The function's name.</summary>
    public const string Name = "DispatchPlaybooks";

    /// <summary>One run.</summary>
    [Function(Name)]
    public Task RunAsync([TimerTrigger("%DispatchSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        drain.DrainAsync(cancellationToken);
}
