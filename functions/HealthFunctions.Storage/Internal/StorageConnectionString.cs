using HealthFunctions.Storage.Configuration;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// A parsed storage connection string: <c>UseDevelopmentStorage=true</c>, or AccountName/AccountKey with
/// DefaultEndpointsProtocol/EndpointSuffix and optional explicit Blob/Queue/TableEndpoint.
/// </summary>
internal sealed class StorageConnectionString
{
    internal const string DevAccountName = "devstoreaccount1";

    // Azurite's documented development key; public by design.
    internal const string DevAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Dictionary<string, string> _values;
    private readonly string _settingName;

    private StorageConnectionString(Dictionary<string, string> values, string settingName)
    {
        _values = values;
        _settingName = settingName;
    }

    /// <summary>The account's Shared Key credential.</summary>
    public required StorageSharedKeyCredential Credential { get; init; }

    /// <summary>Parses a connection string; errors name <paramref name="settingName"/> and never echo the value.</summary>
    public static StorageConnectionString Parse(string connectionString, string settingName)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageConfigurationException(settingName, $"The storage connection string in '{settingName}' is empty.");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                throw new StorageConfigurationException(settingName,
                    $"The storage connection string in '{settingName}' is malformed: expected 'Name=value' pairs separated by ';'.");
            }

            values[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        if (values.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var isDev) && isDev)
        {
            return new StorageConnectionString(values, settingName)
            {
                Credential = new StorageSharedKeyCredential(DevAccountName, DevAccountKey),
            };
        }

        if (values.ContainsKey("SharedAccessSignature"))
        {
            throw new StorageConfigurationException(settingName,
                $"The storage connection string in '{settingName}' uses a SharedAccessSignature, which these clients do not support. " +
                "Use AccountName/AccountKey, or identity settings (__accountName or __tableServiceUri) with a managed identity.");
        }

        var account = Required(values, "AccountName", settingName);
        var key = Required(values, "AccountKey", settingName);
        StorageSharedKeyCredential credential;
        try
        {
            credential = new StorageSharedKeyCredential(account, key);
        }
        catch (ArgumentException)
        {
            throw new StorageConfigurationException(settingName,
                $"The AccountKey in the storage connection string '{settingName}' is not valid base64. Copy the key again from the portal.");
        }

        return new StorageConnectionString(values, settingName) { Credential = credential };
    }

    /// <summary>The endpoint of one service: explicit, development storage or built from account and suffix.</summary>
    public Uri GetEndpoint(StorageService service)
    {
        var explicitKey = service + "Endpoint";
        if (_values.TryGetValue(explicitKey, out var endpoint) && endpoint.Length > 0)
        {
            if (!Uri.TryCreate(endpoint.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new StorageConfigurationException(_settingName,
                    $"The {explicitKey} in the storage connection string '{_settingName}' is not an absolute http(s) URI.");
            }

            return uri;
        }

        if (Credential.AccountName == DevAccountName && _values.ContainsKey("UseDevelopmentStorage"))
        {
            var port = service switch { StorageService.Blob => 10000, StorageService.Queue => 10001, _ => 10002 };
            return new Uri($"http://127.0.0.1:{port}/{DevAccountName}");
        }

        var protocol = _values.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (protocol is not ("http" or "https"))
        {
            throw new StorageConfigurationException(_settingName,
                $"DefaultEndpointsProtocol in the storage connection string '{_settingName}' must be http or https.");
        }

        var suffix = _values.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return new Uri($"{protocol}://{Credential.AccountName}.{service.ToString().ToLowerInvariant()}.{suffix}");
    }

    private static string Required(Dictionary<string, string> values, string name, string settingName)
    {
        if (values.TryGetValue(name, out var value) && value.Length > 0)
        {
            return value;
        }

        throw new StorageConfigurationException(settingName,
            $"The storage connection string in '{settingName}' has no {name}. Use 'UseDevelopmentStorage=true' for Azurite, " +
            "or 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net'.");
    }
}
