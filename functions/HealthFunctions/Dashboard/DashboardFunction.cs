using HealthFunctions.Access;
using HealthFunctions.Errors;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace HealthFunctions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard/</c>: the customer-success dashboard, static files served by the function app itself. Anonymous at
/// the Functions level (a browser navigation carries no function key); in Azure App Service authentication signs users in
/// with Entra ID before any request reaches it (docs/deploy.md), locally it is open on loopback.
/// </summary>
public sealed class DashboardFunction(DashboardAssets assets)
{
    // The page's own files only; Chart.js is served from here too. Inline styles are set by script (the canvas), which
    // style-src does not govern; no inline script anywhere.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Serves one file; the bare route redirects to the folder so relative links resolve.</summary>
    [Function("Dashboard")]
    [Access(RouteClass.SignedIn)]
    public IResult Serve([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var full = request.Path.Value ?? "";
        var at = full.IndexOf("/dashboard", StringComparison.OrdinalIgnoreCase);
        var rest = at < 0 ? "" : full[(at + "/dashboard".Length)..];
        if (rest.Length == 0)
        {
            return Results.Redirect(request.PathBase + full + "/" + request.QueryString, permanent: false);
        }

        var asset = assets.Find(rest.TrimStart('/')) ?? throw new NotFoundException($"The dashboard has no file '{rest.TrimStart('/')}'.");
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
