using System.Globalization;
using HealthFunctions.Access;
using HealthFunctions.Audit;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/{source}</c> (anonymous: the signature is the authentication), <c>GET /api/webhooks/deliveries</c>
/// (the parked list) and <c>POST /api/ops/replay</c> (admin key; Azure Functions forbids routes that start with "admin").
/// </summary>
public sealed class WebhookFunctions(WebhookService webhooks, Storage.SignalRetention retention, TimeProvider clock, AuditTrail audit)
{
    /// <summary>Longest span of days one replay may cover.</summary>
    public const int MaxReplayDays = 366;

    /// <summary>Most entries one page of the parked list may hold.</summary>
    public const int MaxPage = 1000;

    /// <summary>Receives a source's webhook.</summary>
    [Function("ReceiveWebhook")]
    [Access(RouteClass.Open)]
    public async Task<IResult> ReceiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{source}")] HttpRequest request, string source,
        CancellationToken cancellationToken)
    {
        var from = WebhookSource.Find(source);
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var result = await webhooks.ReceiveAsync(from, name => request.Headers[name].ToString(), body, cancellationToken).ConfigureAwait(false);
        return Results.Json(result, AppJson.Default.WebhookResult, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The parked list: <c>?status=parked|partial&amp;source=&amp;top=&amp;continuation=</c>.</summary>
    [Function("ListWebhookDeliveries")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "webhooks/deliveries")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var status = Status(request.Query["status"].ToString() is { Length: > 0 } s ? s : "parked", errors);
        var source = Source(request.Query["source"], required: false, errors);
        var top = 100;
        if (request.Query["top"] is { Count: > 0 } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxPage))
        {
            errors.Add(new FieldError("top", $"must be a whole number from 1 to {MaxPage}."));
        }

        Check(errors);
        string? continuation = request.Query["continuation"];
        var page = await webhooks.ListParkedAsync(status, source, top, continuation, cancellationToken).ConfigureAwait(false);
        return Results.Json(page, AppJson.Default.ParkedDeliveryPage);
    }

    /// <summary>
    /// Replays with the current mapping: the archive of a source over days (<c>?source=&amp;from=&amp;to=</c>), the parked
    /// list (<c>?status=parked|partial[&amp;source=]</c>), or one parked delivery (<c>?source=&amp;deliveryId=</c>).
    /// </summary>
    [Function("ReplayWebhooks")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/replay")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var query = request.Query;
        var modes = new[] { "from", "status", "deliveryId" }.Where(k => query[k].Count > 0).ToList();
        if (modes.Count != 1)
        {
            errors.Add(new FieldError("$", "give exactly one of from (archived days), status (the parked list) or deliveryId (one parked delivery)."));
        }

        var source = Source(query["source"], required: !modes.SequenceEqual(["status"]), errors);
        ReplaySummary summary;
        switch (modes.Count == 1 ? modes[0] : null)
        {
            case "status":
                var status = Status(query["status"], errors);
                Check(errors);
                summary = await webhooks.ReplayParkedAsync(status, source, cancellationToken).ConfigureAwait(false);
                break;
            case "deliveryId":
                string deliveryId = query["deliveryId"]!;
                if (deliveryId.Length is 0 or > 1000)
                {
                    errors.Add(new FieldError("deliveryId", "must be a delivery id from the parked list."));
                }

                Check(errors);
                summary = await webhooks.ReplayDeliveryAsync(source!, deliveryId, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                var earliest = QueryDay.EarliestWithSignals(today, Storage.SignalState.LiveDays);
                var why = QueryDay.LiveWindow(retention.Days);
                var first = QueryDay.Read(query["from"], "from", earliest, today, why, errors) ?? today;
                var last = query["to"] is { Count: > 0 } to ? QueryDay.Read(to, "to", earliest, today, why, errors) ?? today : today;
                if (errors.Count == 0 && (first > last || last.DayNumber - first.DayNumber > MaxReplayDays))
                {
                    errors.Add(new FieldError("to", $"must be on or after from, and at most {MaxReplayDays} days later."));
                }

                Check(errors);
                summary = await webhooks.ReplayArchiveAsync(source!, first, last, cancellationToken).ConfigureAwait(false);
                break;
        }

        // A replay is audited once it ran: what it was asked for and what it did (the summary says both).
        await audit.RecordAsync(AuditTrail.ScopeSubject(AuditActions.WebhooksScope), Caller.Of(request), AuditActions.WebhookReplay, summary.Source ?? "all sources",
            null, AuditTrail.State(summary, AppJson.Default.ReplaySummary), cancellationToken).ConfigureAwait(false);
        return Results.Json(summary, AppJson.Default.ReplaySummary);
    }

    private static DeliveryStatus Status(string? value, List<FieldError> errors)
    {
        switch (value)
        {
            case "parked":
                return DeliveryStatus.Parked;
            case "partial":
                return DeliveryStatus.Partial;
            default:
                errors.Add(new FieldError("status", "must be parked or partial."));
                return default;
        }
    }

    private static WebhookSource? Source(string? value, bool required, List<FieldError> errors)
    {
        if (value is null && !required)
        {
            return null;
        }

        if (value is not null && WebhookSource.All.TryGetValue(value, out var source))
        {
            return source;
        }

        errors.Add(new FieldError("source", $"must be one of {string.Join(", ", WebhookSource.All.Keys)}."));
        return null;
    }

    private static void Check(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
