using HealthFunctions.Access;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Dispatch;

/// <summary>
/// DispatchPlaybooks: every %DispatchSchedule% (30 seconds by default), drains the playbooks subscription into
/// playbook tasks. A timer, not a Service Bus trigger: the trigger's isolated-worker extension is not served here
/// (docs/architecture.md). DispatchNow (<c>POST /api/ops/dispatch</c>, admin key) runs the same drain on demand.
/// </summary>
public sealed class DispatchPlaybooksFunction(SubscriptionDrain drain)
{
    /// <summary>The timer function's name.</summary>
    public const string Name = "DispatchPlaybooks";

    /// <summary>One scheduled run.</summary>
    [Function(Name)]
    public Task RunAsync([TimerTrigger("%DispatchSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        drain.DrainAsync(cancellationToken);

    /// <summary>A run now; answers what it did (<c>received</c> 0 means the subscription was empty).</summary>
    [Function("DispatchNow")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> DispatchNowAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/dispatch")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Json(await drain.DrainAsync(cancellationToken).ConfigureAwait(false), AppJson.Default.DrainSummary);
}
