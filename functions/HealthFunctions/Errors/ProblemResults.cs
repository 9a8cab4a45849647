using Azure;

namespace HealthFunctions.Errors;

/// <summary>
/// Maps every exception an HTTP function throws to an RFC 9457 problem+json answer, in one place: the worker's
/// <see cref="Hosting.ProblemMiddleware"/> and the local runner both call <see cref="For"/>. Storage faults that a retry
/// may cure become 503 with Retry-After so senders retry: nothing is acknowledged that was not stored. A storage refusal
/// that no retry cures (a property or entity too large, a bad request: a 4xx other than a conflict or throttling) is the
/// app's fault, a 500, never a 503 that a sender would retry forever.
/// </summary>
public static partial class ProblemResults
{
    /// <summary>The problem answer for <paramref name="exception"/>; logs what is the server's fault (5xx).</summary>
    public static IResult For(Exception exception, HttpContext context, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        var (status, title, detail, errors) = exception switch
        {
            ConflictException c => (409, "The request conflicts with the current state.", c.Message, (IReadOnlyList<FieldError>?)null),
            RequestValidationException v => (400, "The request is invalid.", v.Message, v.Errors),
            BadHttpRequestException { StatusCode: 413 } => (413, "The request body is too large.", exception.Message, null),
            PayloadTooLargeException p => (413, "The request body is too large.", p.Message, null),
            BadHttpRequestException b => (b.StatusCode, "The request could not be read.", b.Message, null),
            Webhooks.WebhookSignatureException w => (401, "The webhook signature was refused.", w.Message, null),
            NotFoundException n => (404, "Not found.", n.Message, null),
            Access.AccessDeniedException { Status: 401 } a => (401, "Sign-in required.", a.Message, null),
            Access.AccessDeniedException a => (403, "Not allowed.", a.Message, null),
            Access.UnsupportedMediaTypeException u => (415, "Unsupported media type.", u.Message, null),
            Calibration.Jobs.JobQueueFullException q => (429, "Too many jobs queued.", q.Message, null),
            HealthScoring.Calibration.CalibrationDataException c => (422, "Not enough outcomes to calibrate.", c.Message, null),
            _ when IsStorageFault(exception) =>
                (503, "Storage is unavailable; retry later.", "A storage or messaging request failed. Nothing from this request was acknowledged.", (IReadOnlyList<FieldError>?)null),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed the request.", null, null),
            _ => (500, "Unexpected error.", "The error was logged.", null),
        };

        if (status >= 500)
        {
            LogFailed(logger, exception, context.Request.Method, context.Request.Path.Value, status);
        }

        int? retryAfter = status switch
        {
            StatusCodes.Status503ServiceUnavailable => 5,
            StatusCodes.Status429TooManyRequests => Calibration.Jobs.JobQueueFullException.RetryAfterSeconds,
            _ => null,
        };
        var conflict = exception as ConflictException;
        return new ProblemResult(new Problem("about:blank", title, status, detail, context.Request.Path.Value, errors, conflict?.OpenTask, conflict?.Concerns), retryAfter);
    }

    /// <summary>
    /// A fault of storage or messaging that a retry may cure. Azure.Core reports retries exhausted as an
    /// AggregateException of the attempts' failures (e.g. connection refused while storage is down), where an
    /// attempt that ran past the client's network timeout is a TaskCanceledException. A refusal the service answers
    /// with a 4xx is not one (<see cref="IsTransient"/>), except a conflict, a failed precondition or throttling.
    /// </summary>
    public static bool IsStorageFault(Exception exception) => exception switch
    {
        RequestFailedException r => IsTransient(r.Status),
        HttpRequestException or TimeoutException or IOException => true,
        Azure.Messaging.ServiceBus.ServiceBusException s => s.IsTransient,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(e => e is TaskCanceledException || IsStorageFault(e)),
        _ => false,
    };

    /// <summary>
    /// Whether a storage answer's status may turn out otherwise on a retry: no answer (0), a timeout (408), a conflict or a
    /// failed precondition (409, 412: another writer, whose change a re-read sees), throttling (429), a server error (5xx).
    /// Not: PropertyValueTooLarge, EntityTooLarge, InvalidInput (400), 403, 404, 413 and the like.
    /// </summary>
    public static bool IsTransient(int status) => status is 0 or 408 or 409 or 412 or 429 or >= 500;

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed with {Status}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string? path, int status);

    /// <summary>Writes a problem+json body (with Retry-After on 503 and 429).</summary>
    private sealed class ProblemResult(Problem problem, int? retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = problem.Status;
            if (retryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return httpContext.Response.WriteAsJsonAsync(problem, AppJson.Default.Problem, "application/problem+json", httpContext.RequestAborted);
        }
    }
}
