namespace HealthFunctions.Hosting;

/// <summary>The answer to <c>GET /api/healthz</c>.</summary>
public sealed record HealthStatus(string Status, string Mode, string Bus, string ModelVersion);
