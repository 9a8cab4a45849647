using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/{source}</c> (anonymous: the signature is the authentication) and
/// <c>POST /api/ops/replay?source=&amp;from=&amp;to=</c> (admin key; Azure Functions forbids routes that start with "admin").
/// </summary>
public sealed class WebhookFunctions(WebhookService webhooks, TimeProvider clock)
{
    /// <summary>Longest span of days one replay may cover.</summary>
    public const int MaxReplayDays = 366;

    /// <summary>Receives a source's webhook.</summary>
    [Function("ReceiveWebhook")]
    public async Task<IResult> ReceiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{source}")] HttpRequest request, string source,
        CancellationToken cancellationToken)
    {
        var from = WebhookSource.Find(source);
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var result = await webhooks.ReceiveAsync(from, name => request.Headers[name].ToString(), body, cancellationToken).ConfigureAwait(false);
        return Results.Json(result, AppJson.Default.WebhookResult, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Re-maps archived deliveries of a source received on the given days with the current mapping.</summary>
    [Function("ReplayWebhooks")]
    public async Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/replay")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        string? source = request.Query["source"];
        WebhookSource? which = null;
        if (source is null || !WebhookSource.All.TryGetValue(source, out which))
        {
            errors.Add(new FieldError("source", $"must be one of {string.Join(", ", WebhookSource.All.Keys)}."));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var earliest = QueryDay.EarliestWithSignals(today);
        var first = QueryDay.Read(request.Query["from"], "from", earliest, today, errors) ?? today;
        var last = request.Query["to"] is { Count: > 0 } to ? QueryDay.Read(to, "to", earliest, today, errors) ?? today : today;
        if (errors.Count == 0 && (first > last || last.DayNumber - first.DayNumber > MaxReplayDays))
        {
            errors.Add(new FieldError("to", $"must be on or after from, and at most {MaxReplayDays} days later."));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var summary = await webhooks.ReplayAsync(which!, first, last, cancellationToken).ConfigureAwait(false);
        return Results.Json(summary, AppJson.Default.ReplaySummary);
    }
}
