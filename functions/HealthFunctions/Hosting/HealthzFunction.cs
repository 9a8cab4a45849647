using HealthFunctions.Scoring;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Hosting;

/// <summary><c>GET /api/healthz</c>: liveness, who hosts the functions, which bus carries score changes, and the active model.</summary>
public sealed class HealthzFunction(HostingMode mode, ModelProvider models)
{
    /// <summary>Answers 200 with the status.</summary>
    [Function("Healthz")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) =>
        Results.Json(new HealthStatus("ok", mode.Name, mode.BusName, models.Current.Version), AppJson.Default.HealthStatus);
}
