using HealthFunctions.Settings;

namespace HealthFunctions.Hosting;

/// <summary>
/// Under the Functions host (FUNCTIONS_CUSTOMHANDLER_PORT set) the host drives timers and Service Bus; in local
/// mode the app drives them itself from Azurite. HealthFunctions:Mode = Local forces local mode.
/// </summary>
public sealed record HostingMode(bool IsLocal, int? HostPort)
{
    /// <summary>"local" or "functions-host".</summary>
    public string Name => IsLocal ? "local" : "functions-host";

    /// <summary>Reads the mode from configuration.</summary>
    public static HostingMode From(IConfiguration configuration)
    {
        var port = configuration[SettingNames.CustomHandlerPort];
        var forcedLocal = string.Equals(configuration[SettingNames.Mode], "Local", StringComparison.OrdinalIgnoreCase);
        if (!forcedLocal && port is not null)
        {
            return int.TryParse(port, out var p) && p is > 0 and < 65536
                ? new HostingMode(false, p)
                : throw new InvalidOperationException($"{SettingNames.CustomHandlerPort} = '{port}' is not a port number.");
        }

        return new HostingMode(true, null);
    }
}
