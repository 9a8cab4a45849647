using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Local;

/// <summary>One function: its class and method, its trigger, and how each parameter is bound locally.</summary>
public sealed record LocalFunction(string Name, Type Type, MethodInfo Method, HttpBinding? Http, TimerBinding? Timer, IReadOnlyList<ParameterSource> Parameters)
{
    /// <summary>Reads a function's trigger and parameters; throws naming the function when the runner cannot serve it.</summary>
    public static LocalFunction Create(string name, Type type, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        HttpBinding? http = null;
        TimerBinding? timer = null;
        var sources = new List<ParameterSource>();
        foreach (var p in method.GetParameters())
        {
            if (p.GetCustomAttribute<HttpTriggerAttribute>() is { } h)
            {
                http = new HttpBinding(h.Route ?? name, (h.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToList(), h.AuthLevel);
                sources.Add(p.ParameterType == typeof(HttpRequest)
                    ? ParameterSource.Request
                    : throw Unsupported(name, p, "an HTTP trigger must bind HttpRequest (ASP.NET Core integration)"));
            }
            else if (p.GetCustomAttribute<TimerTriggerAttribute>() is { } t)
            {
                timer = new TimerBinding(t.Schedule, t.RunOnStartup);
                sources.Add(p.ParameterType == typeof(TimerInfo) ? ParameterSource.Timer : throw Unsupported(name, p, "a timer trigger must bind TimerInfo"));
            }
            else if (p.ParameterType == typeof(CancellationToken))
            {
                sources.Add(ParameterSource.Cancellation);
            }
            else if (p.ParameterType == typeof(string))
            {
                sources.Add(ParameterSource.RouteValue(p.Name!));
            }
            else
            {
                throw Unsupported(name, p, "the local runner binds HttpRequest, TimerInfo, CancellationToken and route values");
            }
        }

        if ((http is null) == (timer is null))
        {
            throw new InvalidOperationException(
                $"Function '{name}' has a trigger the local runner cannot run (it runs HTTP and timer triggers); see docs/architecture.md.");
        }

        if (http is not null && sources.Where(s => s.RouteName is not null).FirstOrDefault(s => !http.Route.Contains("{" + s.RouteName, StringComparison.Ordinal)) is { } stray)
        {
            throw new InvalidOperationException($"Function '{name}' binds '{stray.RouteName}', which its route '{http.Route}' does not have.");
        }

        return new LocalFunction(name, type, method, http, timer, sources);
    }

    /// <summary>Calls the function on a fresh instance (as the worker does), awaiting it; returns what it returned, if anything.</summary>
    public async Task<object?> InvokeAsync(IServiceProvider services, Func<ParameterSource, object?> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        var instance = Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, Type);
        var arguments = Parameters.Select(bind).ToArray();
        var returned = Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        if (returned is not Task task)
        {
            return returned;
        }

        await task.ConfigureAwait(false);
        return Method.ReturnType.IsGenericType ? Method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    private static InvalidOperationException Unsupported(string name, ParameterInfo p, string rule) =>
        new($"Function '{name}' parameter '{p.Name}' ({p.ParameterType.Name}) cannot be bound locally: {rule}.");
}

/// <summary>An HTTP trigger: route (without the prefix), upper-case methods, and the key it needs in Azure.</summary>
public sealed record HttpBinding(string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel);

/// <summary>A timer trigger: its schedule as declared (an NCRONTAB expression or a %setting%).</summary>
public sealed record TimerBinding(string Schedule, bool RunOnStartup);

/// <summary>Where a parameter's value comes from.</summary>
public sealed record ParameterSource(string Kind, string? RouteName)
{
    /// <summary>The HTTP request.</summary>
    public static readonly ParameterSource Request = new("request", null);

    /// <summary>The timer's TimerInfo.</summary>
    public static readonly ParameterSource Timer = new("timer", null);

    /// <summary>The invocation's cancellation token.</summary>
    public static readonly ParameterSource Cancellation = new("cancellation", null);

    /// <summary>A route value by name.</summary>
    public static ParameterSource RouteValue(string name) => new("route", name);
}
