namespace HealthFunctions.Access;

/// <summary>
/// The Entra ID app roles the app checks (the <c>value</c> of each role on the app registration; infra/app-roles.json
/// declares them and scripts/deploy.sh puts them on the registration). Assign them to people, groups or applications.
/// </summary>
public static class AppRoles
{
    /// <summary>Sees the workspace: accounts, portfolio, tasks, models, audit trails.</summary>
    public const string Reader = "reader";

    /// <summary>Also sets pulses, overrides and profiles, changes tasks, and posts signals and outcomes.</summary>
    public const string Csm = "csm";

    /// <summary>Also runs operations: activates and calibrates models, backtests, rescores, replays, dispatches, reads jobs and parked deliveries.</summary>
    public const string Admin = "admin";

    /// <summary>Every role, least to most.</summary>
    public static IReadOnlyList<string> All { get; } = [Reader, Csm, Admin];
}
