using Azure;
using Microsoft.AspNetCore.Diagnostics;

namespace HealthFunctions.Errors;

/// <summary>
/// Maps every exception to an RFC 9457 problem+json answer, in one place. Storage faults become 503 with
/// Retry-After so senders retry: nothing is acknowledged that was not stored.
/// </summary>
public sealed class ProblemResults(ILogger<ProblemResults> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            RequestValidationException v => (400, "The request is invalid.", v.Message, v.Errors),
            BadHttpRequestException { StatusCode: 413 } => (413, "The request body is too large.", exception.Message, null),
            PayloadTooLargeException p => (413, "The request body is too large.", p.Message, null),
            BadHttpRequestException b => (b.StatusCode, "The request could not be read.", b.Message, null),
            Webhooks.WebhookSignatureException w => (401, "The webhook signature was refused.", w.Message, null),
            NotFoundException n => (404, "Not found.", n.Message, null),
            HealthScoring.Calibration.CalibrationDataException c => (422, "Not enough outcomes to calibrate.", c.Message, null),
            _ when IsStorageFault(exception) =>
                (503, "Storage is unavailable; retry later.", "A storage or messaging request failed. Nothing from this request was acknowledged.", (IReadOnlyList<FieldError>?)null),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed the request.", null, null),
            _ => (500, "Unexpected error.", "The error was logged.", null),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", context.Request.Method, context.Request.Path.Value, status);
        }

        if (status == 503)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        await Write(context, status, title, detail, errors, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// A fault of storage or messaging that a retry may cure. Azure.Core reports retries exhausted as an
    /// AggregateException of the attempts' failures (e.g. connection refused while storage is down), where an
    /// attempt that ran past the client's network timeout is a TaskCanceledException.
    /// </summary>
    public static bool IsStorageFault(Exception exception) => exception switch
    {
        RequestFailedException or HttpRequestException or TimeoutException or IOException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(e => e is TaskCanceledException || IsStorageFault(e)),
        _ => false,
    };

    /// <summary>Writes a problem+json body.</summary>
    public static Task Write(HttpContext context, int status, string title, string? detail, IReadOnlyList<FieldError>? errors,
        CancellationToken cancellationToken = default)
    {
        context.Response.StatusCode = status;
        var problem = new Problem("about:blank", title, status, detail, context.Request.Path.Value, errors);
        return context.Response.WriteAsJsonAsync(problem, AppJson.Default.Problem, "application/problem+json", cancellationToken);
    }
}
