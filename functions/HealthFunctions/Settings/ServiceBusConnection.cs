using Azure.Core;

namespace HealthFunctions.Settings;

/// <summary>
/// How the app reaches Service Bus through connection setting N: a connection string in N, or
/// <c>N__fullyQualifiedNamespace</c> with a token credential (<see cref="ConnectionCredential"/>), as the Functions
/// host reads it. Errors name the setting and never echo a key.
/// </summary>
public sealed record ServiceBusConnection(string? ConnectionString, string FullyQualifiedNamespace, TokenCredential? Credential)
{
    private const string Example = "'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<name>;SharedAccessKey=<key>'";

    /// <summary>Reads connection <paramref name="name"/>; throws <see cref="ConnectionSettingException"/> when it is unusable.</summary>
    public static ServiceBusConnection From(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (ConnectionCredential.ConnectionString(configuration, name) is { } connectionString)
        {
            var values = ConnectionCredential.Pairs(connectionString, name, "Service Bus");
            if (!values.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                throw new ConnectionSettingException(name,
                    $"The Service Bus connection string in '{name}' has no valid Endpoint. Expected {Example}, " +
                    $"or set '{name}__fullyQualifiedNamespace' to use a managed identity.");
            }

            var emulator = values.TryGetValue("UseDevelopmentEmulator", out var dev) && bool.TryParse(dev, out var isDev) && isDev;
            if (!emulator && (!values.TryGetValue("SharedAccessKeyName", out var keyName) || keyName.Length == 0
                || !values.TryGetValue("SharedAccessKey", out var key) || key.Length == 0))
            {
                throw new ConnectionSettingException(name,
                    $"The Service Bus connection string in '{name}' needs SharedAccessKeyName and SharedAccessKey. Expected {Example}.");
            }

            return new ServiceBusConnection(connectionString, uri.Host, null);
        }

        var section = configuration.GetSection(name);
        var fullyQualifiedNamespace = section["fullyQualifiedNamespace"];
        if (string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            throw new ConnectionSettingException(name,
                $"No Service Bus connection is configured for '{name}'. Set '{name}__fullyQualifiedNamespace' " +
                $"(e.g. contoso.servicebus.windows.net) to use a managed identity, or '{name}' to a connection string.");
        }

        if (fullyQualifiedNamespace.Contains('/', StringComparison.Ordinal) || Uri.CheckHostName(fullyQualifiedNamespace) == UriHostNameType.Unknown)
        {
            throw new ConnectionSettingException(name + "__fullyQualifiedNamespace",
                $"'{name}__fullyQualifiedNamespace' must be a host name like contoso.servicebus.windows.net, without scheme or path.");
        }

        return new ServiceBusConnection(null, fullyQualifiedNamespace, ConnectionCredential.From(section, name));
    }
}
