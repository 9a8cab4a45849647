namespace HealthFunctions.Access;

/// <summary>The principal <see cref="AccessGuard"/> admitted, kept on the request for the function: the author of a change.</summary>
public static class Caller
{
    private static readonly object Key = new();

    /// <summary>Who made the request. Throws when the guard did not run (a wiring fault: every HTTP function passes it).</summary>
    public static Principal Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items.TryGetValue(Key, out var p) && p is Principal principal
            ? principal
            : throw new InvalidOperationException("No principal on this request: the access guard did not run before the function.");
    }

    /// <summary>Keeps the admitted principal on the request.</summary>
    internal static void Set(HttpContext http, Principal principal) => http.Items[Key] = principal;
}
