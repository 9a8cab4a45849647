using HealthFunctions.Dispatch;
using HealthFunctions.Messaging;
using HealthFunctions.Rescoring;

namespace HealthFunctions.Hosting;

/// <summary>
/// The custom-handler endpoints the Functions host POSTs invocation payloads to (one per non-HTTP function,
/// at /{FunctionName}). Each parses the payload, calls the same service the local drivers call, and answers a
/// JSON object; a non-2xx answer fails the invocation (for Service Bus: abandon, so the broker redelivers).
/// </summary>
public static class FunctionEndpoints
{
    /// <summary>Maps /RescoreAll, /RescoreDirty and /DispatchPlaybooks.</summary>
    public static void MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/RescoreAll", async (RescoreService rescore, CancellationToken ct) =>
        {
            var s = await rescore.RescoreAllAsync(null, ct).ConfigureAwait(false);
            return Ok("RescoreAll", $"{s.Accounts} accounts, {s.Scored} scored, {s.Transitions} changes, {s.DurationMs} ms");
        });

        app.MapPost("/RescoreDirty", async (RescoreService rescore, CancellationToken ct) =>
        {
            var s = await rescore.RescoreDirtyAsync(ct).ConfigureAwait(false);
            return Ok("RescoreDirty", $"{s.Accounts} accounts, {s.Transitions} changes");
        });

        app.MapPost("/" + DispatchPlaybooksFunction.Name, async (HttpRequest request, DispatchPlaybooksFunction dispatch, PoisonStore poison, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync(request, ct, 4 * RequestBody.MaxBytes).ConfigureAwait(false);
            ReceivedMessage message;
            try
            {
                using var payload = InvocationPayload.Parse(body);
                message = new ReceivedMessage(
                    payload.GetMetadataString("MessageId"),
                    BinaryData.FromBytes(payload.GetBinary("msg") ?? []),
                    payload.GetMetadataInt64("DeliveryCount") ?? 1,
                    payload.GetMetadataString("ContentType"),
                    payload.GetMetadataMap("ApplicationProperties"));
            }
            catch (FormatException e)
            {
                // Retrying the same payload cannot help: complete it and keep what arrived.
                await poison.RecordAsync(DispatchPlaybooksFunction.Name,
                    new ReceivedMessage(null, BinaryData.FromBytes(body.ToArray()), 1, null, new Dictionary<string, string>()), e.Message, ct).ConfigureAwait(false);
                return Ok(DispatchPlaybooksFunction.Name, "poisoned: unreadable invocation payload");
            }

            var outcome = await dispatch.HandleAsync(message, ct).ConfigureAwait(false);
            return Ok(DispatchPlaybooksFunction.Name, outcome == MessageOutcome.Completed ? "completed" : "poisoned");
        });
    }

    private static IResult Ok(string function, string detail) =>
        Results.Json(InvocationResult.Of(new InvocationSummary(function, "ok", detail), $"{function}: {detail}"), AppJson.Default.InvocationResult);
}
