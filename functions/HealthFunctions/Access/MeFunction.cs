using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Access;

/// <summary><c>GET /api/me</c>: who is signed in and what they may do, for the dashboard to show only what works.</summary>
public sealed class MeFunction(AccessMode mode)
{
    /// <summary>Answers 200 with the caller.</summary>
    [Function("Me")]
    [Access(RouteClass.SignedIn)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request)
    {
        var caller = Caller.Of(request);
        return Results.Json(new MeView(mode.Name, caller.Name, caller.ObjectId, AccessGuard.EffectiveRoles(caller)), AppJson.Default.MeView);
    }
}
