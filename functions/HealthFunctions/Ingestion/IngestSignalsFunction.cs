using HealthFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Ingestion;

/// <summary><c>POST /api/signals</c>: validate all, store all, then answer 202.</summary>
public sealed class IngestSignalsFunction(IngestionService ingestion, TimeProvider clock)
{
    /// <summary>Accepts one signal, an array, or <c>{"signals":[...]}</c>.</summary>
    [Function("IngestSignals")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "signals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var signals = SignalParser.Parse(body, clock.GetUtcNow());
        var result = await ingestion.IngestAsync(signals, cancellationToken).ConfigureAwait(false);
        return Results.Json(result, AppJson.Default.IngestResult, statusCode: StatusCodes.Status202Accepted);
    }
}
