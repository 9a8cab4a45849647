using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthFunctions.Settings;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// SettingNames is the one list of settings the app reads; infra/modules/function-app.bicep must set each of them
/// (and nothing else but what the Functions host reads), identity-based and with secrets from Key Vault.
/// </summary>
public sealed class AppSettingsTests
{
    // Read by the Functions host or the platform, not by the app, so SettingNames does not list them.
    private static readonly string[] ReadByTheHost =
        ["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
         "OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", "WEBSITE_AUTH_AAD_ALLOWED_TENANTS"]; // the last two: App Service authentication

    // Connections are several settings N__part; the parts are the ones Hosting/AzureClients (HealthStorage,
    // ServiceBusConnection) and the Functions host (AzureWebJobsStorage) accept for identity-based connections.
    private static readonly Dictionary<string, string[]> ConnectionParts = new()
    {
        [SettingNames.HealthStorage] = ["accountName", "tableServiceUri", "blobServiceUri", "queueServiceUri", "credential", "clientId"],
        [SettingNames.ServiceBusConnection] = ["fullyQualifiedNamespace", "credential", "clientId"],
        ["AzureWebJobsStorage"] = ["accountName", "tableServiceUri", "blobServiceUri", "queueServiceUri", "credential", "clientId"],
    };

    private static readonly BicepFile FunctionApp = BicepFile.Load("modules", "function-app.bicep");

    private static IReadOnlyList<KeyValuePair<string, string>> PlainSettings => BicepFile.Entries(FunctionApp.Variable("appSettings"));

    private static IReadOnlyList<string> SecretSettings => BicepFile.StringItems(FunctionApp.Variable("secretSettingNames"));

    private static HashSet<string> TemplateSettings() =>
        PlainSettings.Select(e => e.Key).Concat(SecretSettings).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every SettingNames value as an app setting name (colons become double underscores).</summary>
    internal static IReadOnlyList<string> AppSettingNames() =>
        typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => ((string)f.GetValue(null)!).Replace(":", "__", StringComparison.Ordinal))
            .ToList();

    private static bool IsSetBy(HashSet<string> keys, string setting) =>
        keys.Contains(setting) || keys.Any(k => k.StartsWith(setting + "__", StringComparison.Ordinal));

    [Fact]
    public void Template_SetsEverySettingTheAppReads()
    {
        var keys = TemplateSettings();

        var missing = AppSettingNames().Where(n => !IsSetBy(keys, n)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Template_SetsNoSettingThatNothingReads()
    {
        var appReads = AppSettingNames().ToHashSet(StringComparer.Ordinal);

        var unknown = TemplateSettings()
            .Where(k => !appReads.Contains(k) && !ReadByTheHost.Contains(k) && !IsConnectionPart(k))
            .ToList();

        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("HealthStorage", "accountName")]
    [InlineData("ServiceBusConnection", "fullyQualifiedNamespace")]
    [InlineData("AzureWebJobsStorage", "accountName")]
    public void Connections_UseTheManagedIdentity_NeverAConnectionString(string connection, string endpointPart)
    {
        var settings = PlainSettings.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

        Assert.DoesNotContain(connection, settings.Keys);
        Assert.Contains($"{connection}__{endpointPart}", settings.Keys);
        Assert.Equal("'managedidentity'", settings[$"{connection}__credential"]);
        Assert.Equal("identityClientId", settings[$"{connection}__clientId"]);
    }

    [Fact]
    public void SecretSettings_AreKeyVaultReferences_AndNothingElseIs()
    {
        // Signing secrets, and the alert webhook URLs (whoever holds one can post to the channel).
        var secrets = AppSettingNames().Where(n => n.EndsWith("Secret", StringComparison.Ordinal) || n.EndsWith("WebhookUrl", StringComparison.Ordinal) && n.Contains("__Alerts__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(secrets, SecretSettings.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(PlainSettings, e => e.Key.EndsWith("Secret", StringComparison.Ordinal) || e.Key.EndsWith("WebhookUrl", StringComparison.Ordinal) && e.Key.Contains("__Alerts__", StringComparison.Ordinal));
        Assert.Contains("'@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/", FunctionApp.Variable("secretSettings"), StringComparison.Ordinal);
        Assert.Matches(@"keyVaultReferenceIdentity:\s*identityId", FunctionApp.Text);
    }

    [Fact]
    public void FunctionMetadata_BindsOnlySettingsTheAppListsAndTheTemplateSets()
    {
        var appReads = AppSettingNames().ToHashSet(StringComparer.Ordinal);
        var keys = TemplateSettings();
        var referenced = SettingReferences(File.ReadAllText(FunctionMetadataFile()))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, s =>
        {
            Assert.Contains(s, appReads);
            Assert.True(IsSetBy(keys, s), $"functions.metadata reads '{s}', which the template does not set.");
        });
    }

    [Fact]
    public void Infra_HoldsNoKeysOrConnectionStrings_AndTurnsLocalAuthOff()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "infra"), "*", SearchOption.AllDirectories).ToList();
        var text = string.Join('\n', files.Select(File.ReadAllText));

        Assert.NotEmpty(files);
        foreach (var secretish in new[] { "AccountKey", "SharedAccessKey", "listKeys(", "listConnectionStrings(" })
        {
            Assert.DoesNotContain(secretish, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("allowSharedKeyAccess: false", BicepFile.Load("modules", "storage.bicep").Text, StringComparison.Ordinal);
        Assert.Contains("disableLocalAuth: true", BicepFile.Load("modules", "service-bus.bicep").Text, StringComparison.Ordinal);
        Assert.Contains("DisableLocalAuth: true", BicepFile.Load("modules", "monitoring.bicep").Text, StringComparison.Ordinal);
    }

    private static bool IsConnectionPart(string key) =>
        ConnectionParts.Any(c => c.Value.Any(part => key == $"{c.Key}__{part}"));

    /// <summary>The functions.metadata the Worker SDK generated for the Functions host (copied beside the tests).</summary>
    internal static string FunctionMetadataFile() => Path.Combine(AppContext.BaseDirectory, "functions.metadata");

    // %Name% expressions anywhere in a binding, and the connection a binding names.
    private static IEnumerable<string> SettingReferences(string metadata)
    {
        using var doc = JsonDocument.Parse(metadata);
        foreach (var binding in doc.RootElement.EnumerateArray().SelectMany(f => f.GetProperty("bindings").EnumerateArray()))
        {
            foreach (var property in binding.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                var value = property.Value.GetString()!;
                if (property.NameEquals("connection"))
                {
                    yield return value;
                }

                foreach (Match m in Regex.Matches(value, "%([^%]+)%"))
                {
                    yield return m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal);
                }
            }
        }
    }
}
