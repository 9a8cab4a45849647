using HealthFunctions.Errors;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HealthFunctions.Hosting;

/// <summary>
/// Worker middleware: an exception from an HTTP function becomes its problem+json answer (<see cref="ProblemResults"/>),
/// so a bad request gets 400 naming the field and a storage outage 503, never the host's bare 500. Other triggers
/// keep their exceptions: the host logs the failed invocation and the timer fires again at its next occurrence.
/// </summary>
public sealed class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (context.GetHttpContext() is { } http)
        {
            context.GetInvocationResult().Value = ProblemResults.For(e, http, logger);
        }
    }
}
