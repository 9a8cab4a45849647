using Azure;
using HealthFunctions.Storage.Configuration;

namespace HealthFunctions.Storage.Internal;

/// <summary>Parses <c>Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...</c>.</summary>
internal static class ServiceBusConnectionString
{
    public static (string FullyQualifiedNamespace, AzureNamedKeyCredential Credential) Parse(string connectionString, string settingName)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (connectionString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new StorageConfigurationException(settingName,
                    $"The Service Bus connection string in '{settingName}' is malformed: expected 'Name=value' pairs separated by ';'.");
            }

            values[part[..eq]] = part[(eq + 1)..];
        }

        const string Example = "'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<name>;SharedAccessKey=<key>'";
        if (!values.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new StorageConfigurationException(settingName,
                $"The Service Bus connection string in '{settingName}' has no valid Endpoint. Expected {Example}, " +
                $"or set '{settingName}__fullyQualifiedNamespace' to use a managed identity.");
        }

        if (!values.TryGetValue("SharedAccessKeyName", out var keyName) || keyName.Length == 0
            || !values.TryGetValue("SharedAccessKey", out var key) || key.Length == 0)
        {
            throw new StorageConfigurationException(settingName,
                $"The Service Bus connection string in '{settingName}' needs SharedAccessKeyName and SharedAccessKey. Expected {Example}.");
        }

        return (uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", new AzureNamedKeyCredential(keyName, key));
    }
}
