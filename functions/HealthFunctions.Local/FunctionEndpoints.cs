using HealthFunctions.Access;
using HealthFunctions.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace HealthFunctions.Local;

/// <summary>
/// Maps every HTTP function to its route and methods, and answers as the worker does: the same <see cref="AccessGuard"/>
/// first (as the worker's AccessMiddleware), then the function, problem+json on errors.
/// </summary>
public static class FunctionEndpoints
{
    /// <summary>Maps the catalog's HTTP functions.</summary>
    public static WebApplication MapFunctions(this WebApplication app, FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var function in catalog.Http)
        {
            app.MapMethods(catalog.PatternOf(function), function.Http!.Methods, context => InvokeAsync(context, function)).WithName(function.Name);
        }

        return app;
    }

    private static async Task InvokeAsync(HttpContext context, LocalFunction function)
    {
        object? result;
        try
        {
            context.RequestServices.GetRequiredService<AccessGuard>().Check(function.Name, context);
            result = await function.InvokeAsync(context.RequestServices, source => source.Kind switch
            {
                "request" => context.Request,
                "cancellation" => context.RequestAborted,
                "route" => context.Request.RouteValues[source.RouteName!]?.ToString(),
                _ => throw new InvalidOperationException($"{function.Name}: no '{source.Kind}' in an HTTP invocation."),
            }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HealthFunctions.Local." + function.Name);
            result = ProblemResults.For(e, context, logger);
        }

        switch (result)
        {
            case IResult r:
                await r.ExecuteAsync(context).ConfigureAwait(false);
                break;
            case IActionResult a:
                await a.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"{function.Name} returned {result?.GetType().Name ?? "nothing"}; HTTP functions return IResult or IActionResult.");
        }
    }
}
