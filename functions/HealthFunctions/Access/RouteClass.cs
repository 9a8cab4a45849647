namespace HealthFunctions.Access;

/// <summary>Who may call an HTTP function (declared next to each function with <see cref="AccessAttribute"/>).</summary>
public enum RouteClass
{
    /// <summary>Anyone: the source webhooks (each checked by its signature) and the liveness probe. No principal, no CSRF rules.</summary>
    Open,

    /// <summary>Any signed-in principal, whatever its roles (<c>GET /api/me</c>, so the page can say what is missing).</summary>
    SignedIn,

    /// <summary>The reader role, or csm, or admin: the workspace's reads.</summary>
    Read,

    /// <summary>The csm role, or admin: pulses, overrides, profiles, task changes, signals and outcomes.</summary>
    CsmWrite,

    /// <summary>The admin role: model activation and calibration, backtests, rescores, replays, dispatch, jobs, parked deliveries.</summary>
    Admin,
}
