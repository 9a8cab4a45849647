using Azure.Core;
using Azure.Identity;

namespace HealthFunctions.Settings;

/// <summary>
/// The pieces every connection setting shares with the Functions host's reading of it: the connection string (the
/// setting's own value, or ConnectionStrings:N), and for identity-based connections <c>N__credential</c> and
/// <c>N__clientId</c>.
/// </summary>
public static class ConnectionCredential
{
    /// <summary>The connection string of <paramref name="name"/>, or null when none is set.</summary>
    public static string? ConnectionString(IConfiguration configuration, string name)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration.GetConnectionString(name);
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>
    /// The credential of an identity-based connection: <c>N__credential=managedidentity</c> (with <c>N__clientId</c> for a
    /// user-assigned identity) as in Azure, or, without <c>N__credential</c>, DefaultAzureCredential (a developer's login).
    /// </summary>
    public static TokenCredential From(IConfigurationSection section, string name)
    {
        var credential = section["credential"];
        var clientId = section["clientId"];
        if (string.IsNullOrWhiteSpace(credential))
        {
            return new DefaultAzureCredential();
        }

        if (!string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectionSettingException($"{name}__credential",
                $"'{name}__credential' must be 'managedidentity' (or be left out to use DefaultAzureCredential).");
        }

        return string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    /// <summary>The <c>Name=value</c> pairs of a connection string; a malformed one names the setting, not its value.</summary>
    public static Dictionary<string, string> Pairs(string connectionString, string name, string kind)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConnectionSettingException(name,
                    $"The {kind} connection string in '{name}' is malformed: expected 'Name=value' pairs separated by ';'.");
            }

            values[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        return values;
    }
}
