using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Access;

/// <summary>
/// Every HTTP function's <see cref="AccessAttribute"/>, read once from the declarations (the same the Worker SDK turns
/// into functions.metadata), by function name. A function that declares none counts as admin-only.
/// </summary>
public sealed class FunctionAccess
{
    private static readonly AccessAttribute AdminOnly = new(RouteClass.Admin);
    private readonly Dictionary<string, AccessAttribute?> _byName;

    private FunctionAccess(Dictionary<string, AccessAttribute?> byName) => _byName = byName;

    /// <summary>HTTP function names without an <see cref="AccessAttribute"/>.</summary>
    public IEnumerable<string> Undeclared => _byName.Where(e => e.Value is null).Select(e => e.Key);

    /// <summary>The HTTP functions by name, with what they declare.</summary>
    public IReadOnlyDictionary<string, AccessAttribute?> Declared => _byName;

    /// <summary>Reads the HTTP functions of <paramref name="assembly"/>.</summary>
    public static FunctionAccess Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var byName = new Dictionary<string, AccessAttribute?>(StringComparer.OrdinalIgnoreCase);
        foreach (var method in assembly.GetExportedTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is { } function
                && method.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
            {
                byName[function.Name] = method.GetCustomAttribute<AccessAttribute>();
            }
        }

        return new FunctionAccess(byName);
    }

    /// <summary>What <paramref name="functionName"/> declares; admin-only when it declares nothing or is unknown.</summary>
    public AccessAttribute Of(string functionName) =>
        _byName.TryGetValue(functionName, out var declared) && declared is not null ? declared : AdminOnly;
}
