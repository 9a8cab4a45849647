using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Local;

/// <summary>
/// Every <c>[Function]</c> of the app assembly with its trigger, read by reflection from the same declarations the
/// Worker SDK turns into functions.metadata for the Functions host. A function whose trigger or parameters the runner
/// cannot serve stops the start-up with its name, so nothing is silently missing locally.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(string routePrefix, IReadOnlyList<LocalFunction> functions)
    {
        RoutePrefix = routePrefix;
        Functions = functions;
    }

    /// <summary>The HTTP route prefix (from host.json).</summary>
    public string RoutePrefix { get; }

    /// <summary>Every function, by name.</summary>
    public IReadOnlyList<LocalFunction> Functions { get; }

    /// <summary>The HTTP-triggered functions.</summary>
    public IEnumerable<LocalFunction> Http => Functions.Where(f => f.Http is not null);

    /// <summary>The timer-triggered functions.</summary>
    public IEnumerable<LocalFunction> Timers => Functions.Where(f => f.Timer is not null);

    /// <summary>Reads the functions of <paramref name="assembly"/>.</summary>
    public static FunctionCatalog Load(Assembly assembly, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<LocalFunction>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
                {
                    functions.Add(LocalFunction.Create(function.Name, type, method));
                }
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'.");
        }

        return new FunctionCatalog(routePrefix, functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>The route pattern an HTTP function answers on locally, as under the Functions host.</summary>
    public string PatternOf(LocalFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var route = function.Http?.Route ?? throw new ArgumentException($"{function.Name} is not an HTTP function.", nameof(function));
        return RoutePrefix.Length == 0 ? "/" + route : $"/{RoutePrefix}/{route}";
    }
}
