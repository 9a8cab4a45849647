using HealthFunctions.Access;
using HealthFunctions.Dispatch;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Alerts;

/// <summary>
/// SendAlerts: every %AlertsSchedule% (30 seconds by default), drains the alerts subscription into Slack and Teams
/// messages, as DispatchPlaybooks drains the playbooks one (a timer until the Service Bus trigger can be restored, see
/// docs/architecture.md). SendAlertsNow (<c>POST /api/ops/alerts</c>, admin key) runs the same drain on demand.
/// </summary>
public sealed class AlertsFunction(AlertsDrain drain)
{
    /// <summary>One scheduled run.</summary>
    [Function("SendAlerts")]
    public Task RunAsync([TimerTrigger("%AlertsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        drain.DrainAsync(cancellationToken);

    /// <summary>A run now; answers what it did (<c>received</c> 0 means the subscription was empty).</summary>
    [Function("SendAlertsNow")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> SendNowAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/alerts")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Json(await drain.DrainAsync(cancellationToken).ConfigureAwait(false), AppJson.Default.DrainSummary);
}
