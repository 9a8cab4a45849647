using System.Globalization;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;

namespace HealthFunctions.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/{source}</c> (anonymous: the signature is the authentication) and
/// <c>POST /api/ops/replay?source=&amp;from=&amp;to=</c> (admin key; locally also <c>/api/admin/replay</c>, since Azure
/// Functions forbids routes that start with "admin").
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/{source}", async (string source, HttpRequest request, WebhookService webhooks, CancellationToken ct) =>
        {
            var from = WebhookSource.Find(source);
            var body = await RequestBody.ReadAsync(request, ct).ConfigureAwait(false);
            var result = await webhooks.ReceiveAsync(from, name => request.Headers[name].ToString(), body, ct).ConfigureAwait(false);
            return Results.Json(result, AppJson.Default.WebhookResult, statusCode: StatusCodes.Status202Accepted);
        });
        app.MapPost("/api/ops/replay", ReplayAsync);
        app.MapPost("/api/admin/replay", ReplayAsync);
    }

    private static async Task<IResult> ReplayAsync(string? source, string? from, string? to, WebhookService webhooks, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        WebhookSource? which = null;
        if (source is null || !WebhookSource.All.TryGetValue(source, out which))
        {
            errors.Add(new FieldError("source", $"must be one of {string.Join(", ", WebhookSource.All.Keys)}."));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = Day(from, "from", today, errors);
        var last = to is null ? today : Day(to, "to", today, errors);
        if (errors.Count == 0 && (first > last || last.DayNumber - first.DayNumber > 366))
        {
            errors.Add(new FieldError("to", "must be on or after from, and at most 366 days later."));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var summary = await webhooks.ReplayAsync(which!, first, last, ct).ConfigureAwait(false);
        return Results.Json(summary, AppJson.Default.ReplaySummary);
    }

    private static DateOnly Day(string? value, string field, DateOnly today, List<FieldError> errors)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day > today)
        {
            errors.Add(new FieldError(field, "must be a date as yyyy-MM-dd, not in the future."));
        }

        return day;
    }
}
