using HealthFunctions.Settings;

namespace HealthFunctions.Access;

/// <summary>
/// Which authorization is in force (setting HealthFunctions:Auth:Mode): <c>AppService</c>, where every route but the
/// open ones needs the principal App Service authentication passes, with the roles its class asks for; or <c>Local</c>,
/// the open workspace of the local runner, served on loopback only. Unset, the Functions host is AppService and the
/// local runner Local. Local is refused where App Service runs the app (WEBSITE_INSTANCE_ID is set), and AppService is
/// refused where the platform says its authentication is off (WEBSITE_AUTH_ENABLED=False): the principal headers could
/// then be forged.
/// </summary>
public sealed record AccessMode(bool IsOpen)
{
    /// <summary>The setting's value for the open, loopback-only mode.</summary>
    public const string LocalValue = "Local";

    /// <summary>The setting's value for App Service authentication with app roles.</summary>
    public const string AppServiceValue = "AppService";

    /// <summary>The open mode.</summary>
    public static AccessMode Local { get; } = new(IsOpen: true);

    /// <summary>App Service authentication with app roles.</summary>
    public static AccessMode AppService { get; } = new(IsOpen: false);

    /// <summary>How <c>GET /api/me</c> and <c>GET /api/healthz</c> name it: "local" or "azure".</summary>
    public string Name => IsOpen ? "local" : "azure";

    /// <summary>Reads the mode; <paramref name="localRunner"/> says who hosts the functions; <paramref name="environment"/> reads the platform's variables.</summary>
    public static AccessMode Read(IConfiguration configuration, bool localRunner, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        environment ??= Environment.GetEnvironmentVariable;
        var setting = SettingNames.AuthMode.Replace(":", "__", StringComparison.Ordinal);
        var value = configuration[SettingNames.AuthMode];
        var mode = value switch
        {
            null or "" => localRunner ? Local : AppService,
            _ when value.Equals(LocalValue, StringComparison.OrdinalIgnoreCase) => Local,
            _ when value.Equals(AppServiceValue, StringComparison.OrdinalIgnoreCase) => AppService,
            _ => throw new InvalidOperationException($"{setting} = '{value}': use {AppServiceValue}, {LocalValue}, or leave it unset."),
        };
        if (mode.IsOpen && !string.IsNullOrEmpty(environment("WEBSITE_INSTANCE_ID")))
        {
            throw new InvalidOperationException(
                $"{setting} = {LocalValue} opens every route to anyone; it is refused where App Service runs the app (WEBSITE_INSTANCE_ID is set). Use {AppServiceValue}.");
        }

        if (!mode.IsOpen && string.Equals(environment("WEBSITE_AUTH_ENABLED"), "False", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{setting} = {AppServiceValue}, but App Service authentication is off (WEBSITE_AUTH_ENABLED=False), so the principal headers could be forged. Turn it on (infra/modules/function-app.bicep, authsettingsV2).");
        }

        return mode;
    }
}
