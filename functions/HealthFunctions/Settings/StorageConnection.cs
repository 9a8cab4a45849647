using Azure.Core;

namespace HealthFunctions.Settings;

/// <summary>The storage services the app uses.</summary>
public enum StorageService
{
    /// <summary>Table Storage.</summary>
    Table,

    /// <summary>Blob Storage.</summary>
    Blob,

    /// <summary>Queue Storage.</summary>
    Queue,
}

/// <summary>
/// How the app reaches the storage account of a connection setting N, read the way the Functions host reads it: the
/// value of N is a connection string; otherwise <c>N__accountName</c> or <c>N__{table,blob,queue}ServiceUri</c> with a
/// token credential (<see cref="ConnectionCredential"/>). Errors name the setting and never echo a secret.
/// </summary>
public sealed class StorageConnection
{
    private readonly string _name;
    private readonly IConfigurationSection _section;

    private StorageConnection(string name, string? connectionString, IConfigurationSection section, TokenCredential? credential)
    {
        _name = name;
        _section = section;
        ConnectionString = connectionString;
        Credential = credential;
    }

    /// <summary>The connection string, or null when the connection is identity-based.</summary>
    public string? ConnectionString { get; }

    /// <summary>The token credential of an identity-based connection, or null with a connection string.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Reads connection <paramref name="name"/>; throws <see cref="ConnectionSettingException"/> when it is unusable.</summary>
    public static StorageConnection From(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var section = configuration.GetSection(name);
        if (ConnectionCredential.ConnectionString(configuration, name) is { } connectionString)
        {
            Check(connectionString, name);
            return new StorageConnection(name, connectionString, section, null);
        }

        if (string.IsNullOrWhiteSpace(section["accountName"]) && !Enum.GetValues<StorageService>().Any(s => !string.IsNullOrWhiteSpace(section[UriKey(s)])))
        {
            throw new ConnectionSettingException(name,
                $"No storage connection is configured for '{name}'. Set '{name}' to a connection string (UseDevelopmentStorage=true " +
                $"for Azurite), or '{name}__accountName' (or '{name}__tableServiceUri' and '{name}__blobServiceUri') to use a managed identity.");
        }

        var connection = new StorageConnection(name, null, section, ConnectionCredential.From(section, name));
        // Tables and blobs are always used: checked now, so a bad setting stops the start-up. Queues only locally.
        _ = connection.ServiceUri(StorageService.Table);
        _ = connection.ServiceUri(StorageService.Blob);
        return connection;
    }

    /// <summary>The endpoint of <paramref name="service"/> for an identity-based connection.</summary>
    public Uri ServiceUri(StorageService service)
    {
        var key = UriKey(service);
        var host = service.ToString().ToLowerInvariant();
        if (_section[key] is { Length: > 0 } explicitUri)
        {
            return Uri.TryCreate(explicitUri, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps
                ? parsed
                : throw new ConnectionSettingException($"{_name}__{key}",
                    $"'{_name}__{key}' must be an absolute https URI like https://<account>.{host}.core.windows.net.");
        }

        if (_section["accountName"] is { Length: > 0 } account)
        {
            return account.Length is >= 3 and <= 24 && account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
                ? new Uri($"https://{account}.{host}.core.windows.net")
                : throw new ConnectionSettingException($"{_name}__accountName",
                    $"'{_name}__accountName' must be a storage account name: 3-24 lower-case letters and digits.");
        }

        throw new ConnectionSettingException($"{_name}__{key}",
            $"'{_name}' has no {host} endpoint: set '{_name}__accountName', or '{_name}__{key}'.");
    }

    private static string UriKey(StorageService service) => service.ToString().ToLowerInvariant() + "ServiceUri";

    /// <summary>
    /// Checks the shape of a storage connection string, so a typo stops the start-up with a message naming the setting
    /// instead of failing at the first request. The SDK clients parse it; this only says what is missing.
    /// </summary>
    private static void Check(string connectionString, string name)
    {
        var values = ConnectionCredential.Pairs(connectionString, name, "storage");
        if (values.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var isDev) && isDev)
        {
            return;
        }

        if (values.ContainsKey("SharedAccessSignature"))
        {
            return; // an account SAS with explicit endpoints; the SDK clients accept it
        }

        foreach (var required in (string[])["AccountName", "AccountKey"])
        {
            if (!values.TryGetValue(required, out var value) || value.Length == 0)
            {
                throw new ConnectionSettingException(name,
                    $"The storage connection string in '{name}' has no {required}. Use 'UseDevelopmentStorage=true' for Azurite, " +
                    "or 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net'.");
            }
        }

        var key = values["AccountKey"];
        if (!Convert.TryFromBase64String(key, new byte[key.Length], out _))
        {
            throw new ConnectionSettingException(name,
                $"The AccountKey in the storage connection string '{name}' is not valid base64. Copy the key again from the portal.");
        }
    }
}
