using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HealthFunctions.Access;

/// <summary>
/// Worker middleware: runs <see cref="AccessGuard"/> before every HTTP function (the local runner runs the same guard).
/// Registered after <see cref="Hosting.ProblemMiddleware"/>, so a refusal is answered as problem+json.
/// </summary>
public sealed class AccessMiddleware(AccessGuard guard) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            guard.Check(context.FunctionDefinition.Name, http);
        }

        return next(context);
    }
}
