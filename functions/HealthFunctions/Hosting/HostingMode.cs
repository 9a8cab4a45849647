using HealthFunctions.Settings;

namespace HealthFunctions.Hosting;

/// <summary>
/// Under the Functions host (FUNCTIONS_CUSTOMHANDLER_PORT set) the host drives timers and Service Bus; in local
/// mode the app drives them itself from Azurite. HealthFunctions:Mode = Local or Host forces a mode; unset, the
/// port decides.
/// </summary>
public sealed record HostingMode(bool IsLocal, int? HostPort)
{
    /// <summary>"local" or "functions-host".</summary>
    public string Name => IsLocal ? "local" : "functions-host";

    /// <summary>Reads the mode from configuration.</summary>
    public static HostingMode From(IConfiguration configuration)
    {
        var port = configuration[SettingNames.CustomHandlerPort];
        var mode = configuration[SettingNames.Mode];
        var isLocal = mode switch
        {
            null or "" => port is null,
            _ when mode.Equals("Local", StringComparison.OrdinalIgnoreCase) => true,
            _ when mode.Equals("Host", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new InvalidOperationException($"{SettingNames.Mode} = '{mode}': use Local, Host, or leave it unset."),
        };
        if (isLocal || port is null)
        {
            return new HostingMode(isLocal, null);
        }

        return int.TryParse(port, out var p) && p is > 0 and < 65536
            ? new HostingMode(false, p)
            : throw new InvalidOperationException($"{SettingNames.CustomHandlerPort} = '{port}' is not a port number.");
    }
}
