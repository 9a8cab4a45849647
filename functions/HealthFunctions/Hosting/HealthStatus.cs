namespace HealthFunctions.Hosting;

/// <summary>The answer to <c>GET /api/healthz</c>; <paramref name="Auth"/> is the authorization in force: "azure" (App Service sign-in and app roles) or "local" (open, loopback only).</summary>
public sealed record HealthStatus(string Status, string Mode, string Bus, string ModelVersion, string Auth);
