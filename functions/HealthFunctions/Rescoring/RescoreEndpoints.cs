using System.Globalization;
using HealthFunctions.Errors;

namespace HealthFunctions.Rescoring;

/// <summary>
/// <c>POST /api/ops/rescore?asOf=yyyy-MM-dd</c>: the timer's work, now or as of a past day (backfill). Azure
/// Functions forbids HTTP routes that start with "admin", so the Functions route is ops/rescore (admin key);
/// locally <c>/api/admin/rescore</c> answers too.
/// </summary>
public static class RescoreEndpoints
{
    /// <summary>Maps the endpoint and its local alias.</summary>
    public static void MapRescore(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ops/rescore", RescoreAsync);
        app.MapPost("/api/admin/rescore", RescoreAsync);
    }

    private static async Task<IResult> RescoreAsync(string? asOf, RescoreService rescore, TimeProvider clock, CancellationToken ct)
    {
        DateOnly? day = null;
        if (asOf is not null)
        {
            if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                throw new RequestValidationException("asOf", "must be a date as yyyy-MM-dd.");
            }

            if (d > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            {
                throw new RequestValidationException("asOf", "must not be in the future.");
            }

            day = d;
        }

        var summary = await rescore.RescoreAllAsync(day, ct).ConfigureAwait(false);
        return Results.Json(summary, AppJson.Default.RescoreSummary);
    }
}
