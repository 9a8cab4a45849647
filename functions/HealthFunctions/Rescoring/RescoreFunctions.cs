using HealthFunctions.Access;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Rescoring;

/// <summary>
/// RescoreAll (the daily timer), RescoreDirty (accounts with new signals, every minute) and RescoreNow
/// (<c>POST /api/ops/rescore?asOf=yyyy-MM-dd</c>, admin key: the daily run now, or as of a past day for a backfill; asOf lies
/// within the signal retention, see <see cref="QueryDay"/>).
/// Azure Functions forbids HTTP routes that start with "admin", hence ops/.
/// </summary>
public sealed class RescoreFunctions(RescoreService rescore, SignalRetention retention, TimeProvider clock)
{
    /// <summary>Rescores every account as of today; the service logs its summary.</summary>
    [Function("RescoreAll")]
    public Task RescoreAllAsync([TimerTrigger("%RescoreSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        rescore.RescoreAllAsync(null, cancellationToken);

    /// <summary>Rescores the accounts that received signals since they were last scored.</summary>
    [Function("RescoreDirty")]
    public Task RescoreDirtyAsync([TimerTrigger("%DirtyRescoreSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        rescore.RescoreDirtyAsync(cancellationToken);

    /// <summary>The daily run on demand, optionally as of a past day.</summary>
    [Function("RescoreNow")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> RescoreNowAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/rescore")] HttpRequest request, CancellationToken cancellationToken)
    {
        DateOnly? day = null;
        if (request.Query["asOf"] is { Count: > 0 } asOf)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var errors = new List<FieldError>();
            day = QueryDay.Read(asOf, "asOf", QueryDay.EarliestWithSignals(today, retention.Days), today, QueryDay.RetentionWindow(retention.Days), errors) ?? throw new RequestValidationException(errors);
        }

        var summary = await rescore.RescoreAllAsync(day, cancellationToken).ConfigureAwait(false);
        return Results.Json(summary, AppJson.Default.RescoreSummary);
    }
}
