using HealthFunctions.Hosting;

namespace HealthFunctions.Ingestion;

/// <summary><c>POST /api/signals</c>: validate all, store all, then answer 202.</summary>
public static class IngestionEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static void MapIngestion(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/signals", async (HttpRequest request, IngestionService ingestion, TimeProvider clock, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync(request, ct).ConfigureAwait(false);
            var signals = SignalParser.Parse(body, clock.GetUtcNow());
            var result = await ingestion.IngestAsync(signals, ct).ConfigureAwait(false);
            return Results.Json(result, AppJson.Default.IngestResult, statusCode: StatusCodes.Status202Accepted);
        });
}
