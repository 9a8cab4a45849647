using HealthFunctions.Access;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Ingestion;

/// <summary><c>POST /api/signals</c>: validate all, store all, then answer 202.</summary>
public sealed class IngestSignalsFunction(IngestionService ingestion, SignalRetention retention, TimeProvider clock)
{
    /// <summary>
    /// Accepts one signal, an array, or <c>{"signals":[...]}</c>. With <c>?backfill=true</c> timestamps may reach back as far
    /// as signals are kept (SignalRetentionDays) instead of the live window.
    /// </summary>
    [Function("IngestSignals")]
    [Access(RouteClass.CsmWrite)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "signals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var backfill = request.Query["backfill"] is { Count: > 0 } flag
            && (bool.TryParse(flag, out var yes) ? yes : throw new RequestValidationException("backfill", "must be true or false."));
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var signals = SignalParser.Parse(body, clock.GetUtcNow(), backfill ? SignalAgeLimit.Backfill(retention.Days) : SignalAgeLimit.Post);
        var result = await ingestion.IngestAsync(signals, cancellationToken).ConfigureAwait(false);
        return Results.Json(result, AppJson.Default.IngestResult, statusCode: StatusCodes.Status202Accepted);
    }
}
