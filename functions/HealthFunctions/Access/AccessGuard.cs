using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace HealthFunctions.Access;

/// <summary>
/// The checks every HTTP request passes before its function runs, the same in the isolated worker
/// (<see cref="AccessMiddleware"/>) and in the local runner: no dot segments in the path (400); then, unless the route is
/// open, the principal and the roles its class asks for (401 without a principal in AppService mode, 403 without the
/// role; locally, the open workspace answers loopback connections only); then, for a request that changes state, a
/// JSON body (415 otherwise; a route may take more media types) and, in AppService mode, a header a cross-site form
/// cannot send: <c>X-Requested-With</c> (the dashboard sends it) or a bearer token (a script's own Entra ID token).
/// The principal is kept on the request for the function (<see cref="Caller.Of"/>).
/// </summary>
public sealed class AccessGuard(AccessMode mode, FunctionAccess functions)
{
    /// <summary>The header the dashboard sends with every call.</summary>
    public const string RequestedWithHeader = "X-Requested-With";

    /// <summary>The mode in force.</summary>
    public AccessMode Mode => mode;

    /// <summary>Checks a request to <paramref name="functionName"/>; throws what it is answered with when it may not pass.</summary>
    public void Check(string functionName, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        CheckPath(http);
        var access = functions.Of(functionName);
        if (access.RouteClass == RouteClass.Open)
        {
            return;
        }

        var principal = Authenticate(http);
        if (!Admits(access.RouteClass, principal))
        {
            throw AccessDeniedException.Forbidden(
                $"{functionName} needs the {Needed(access.RouteClass)} role; {(principal.Roles.Count == 0 ? "you hold none of this app's roles" : "you hold " + string.Join(", ", principal.Roles))}. An administrator assigns roles on the app's enterprise application in Entra ID.");
        }

        if (ChangesState(http.Request.Method))
        {
            CheckMediaType(http.Request, access);
            if (!mode.IsOpen && !HasCrossSiteProofHeader(http.Request))
            {
                throw AccessDeniedException.Forbidden(
                    $"A request that changes state must carry the {RequestedWithHeader} header (the dashboard sends it) or a bearer token, which a cross-site form cannot send.");
            }
        }

        Caller.Set(http, principal);
    }

    /// <summary>Refuses a path with dot segments (as the client sent it, before the server normalized it) with 400 naming "path".</summary>
    public static void CheckPath(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        foreach (var target in Targets(http))
        {
            if (DotSegments.Problem(target) is { } problem)
            {
                throw new Errors.RequestValidationException("path", problem);
            }
        }
    }

    /// <summary>Whether a principal holding these roles may call a route of <paramref name="routeClass"/>.</summary>
    public static bool Admits(RouteClass routeClass, Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return routeClass switch
        {
            RouteClass.Open or RouteClass.SignedIn => true,
            RouteClass.Read => principal.Has(AppRoles.Reader) || principal.Has(AppRoles.Csm) || principal.Has(AppRoles.Admin),
            RouteClass.CsmWrite => principal.Has(AppRoles.Csm) || principal.Has(AppRoles.Admin),
            _ => principal.Has(AppRoles.Admin),
        };
    }

    /// <summary>The roles a principal's assigned roles amount to (admin includes csm, csm includes reader), least first.</summary>
    public static IReadOnlyList<string> EffectiveRoles(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var admin = Admits(RouteClass.Admin, principal);
        var csm = Admits(RouteClass.CsmWrite, principal);
        var reader = Admits(RouteClass.Read, principal);
        return [.. new[] { (reader, AppRoles.Reader), (csm, AppRoles.Csm), (admin, AppRoles.Admin) }.Where(r => r.Item1).Select(r => r.Item2)];
    }

    private Principal Authenticate(HttpContext http)
    {
        if (mode.IsOpen)
        {
            if (http.Connection.LocalIpAddress is { } local && !IPAddress.IsLoopback(local))
            {
                throw AccessDeniedException.Forbidden(
                    $"The workspace is open (HealthFunctions__Auth__Mode = {AccessMode.LocalValue}) and answers loopback connections only; this one came to {local}.");
            }

            // Under a Functions host (func start) the worker sees the host's loopback connection; the client is in X-Forwarded-For.
            if (http.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded
                && forwarded.Split(',').Select(a => a.Trim()).FirstOrDefault(a => !(IPAddress.TryParse(a, out var ip) && IPAddress.IsLoopback(ip))) is { } remote)
            {
                throw AccessDeniedException.Forbidden(
                    $"The workspace is open (HealthFunctions__Auth__Mode = {AccessMode.LocalValue}) and answers loopback clients only; this request came from {remote}.");
            }

            return Principal.Local;
        }

        Principal? principal;
        try
        {
            principal = ClientPrincipal.Read(http.Request);
        }
        catch (FormatException e)
        {
            throw AccessDeniedException.SignInRequired($"The sign-in could not be read: {e.Message}");
        }

        return principal ?? throw AccessDeniedException.SignInRequired(
            $"Sign in first: this route needs the principal App Service authentication passes ({ClientPrincipal.Header}), and the request has none.");
    }

    private static void CheckMediaType(HttpRequest request, AccessAttribute access)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            if (HasBody(request))
            {
                throw new UnsupportedMediaTypeException($"The body has no content type; send it as {Accepted(access)}.");
            }

            return;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !access.AlsoAccepts.Prepend("application/json").Any(t => parsed.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
        {
            throw new UnsupportedMediaTypeException($"Content type '{contentType}' is not taken here; send the body as {Accepted(access)}.");
        }
    }

    private static bool HasCrossSiteProofHeader(HttpRequest request) =>
        !string.IsNullOrWhiteSpace(request.Headers[RequestedWithHeader])
        || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static string Accepted(AccessAttribute access) => string.Join(" or ", access.AlsoAccepts.Prepend("application/json"));

    private static string Needed(RouteClass routeClass) => routeClass switch
    {
        RouteClass.Read => $"{AppRoles.Reader} (or {AppRoles.Csm}, {AppRoles.Admin})",
        RouteClass.CsmWrite => $"{AppRoles.Csm} (or {AppRoles.Admin})",
        _ => AppRoles.Admin,
    };

    // The path as the client sent it (the raw request target, before the server decoded and normalized it), the path the
    // server routed, and what a front end in App Service reports as the original URL.
    private static IEnumerable<string?> Targets(HttpContext http)
    {
        yield return http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        yield return http.Request.Path.Value;
        yield return http.Request.Headers["X-Original-URL"].ToString();
        yield return http.Request.Headers["X-WAWS-Unencoded-URL"].ToString();
    }
}
