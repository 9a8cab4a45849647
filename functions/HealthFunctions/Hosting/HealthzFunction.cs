using HealthFunctions.Access;
using HealthFunctions.Scoring;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Hosting;

/// <summary><c>GET /api/healthz</c>: liveness, who hosts the functions, which bus carries score changes, the active model, and the authorization in force.</summary>
public sealed class HealthzFunction(HostingMode mode, AccessMode access, ModelProvider models)
{
    /// <summary>Answers 200 with the status.</summary>
    [Function("Healthz")]
    [Access(RouteClass.Open)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) =>
        Results.Json(new HealthStatus("ok", mode.Name, mode.BusName, models.Current.Version, access.Name), AppJson.Default.HealthStatus);
}
