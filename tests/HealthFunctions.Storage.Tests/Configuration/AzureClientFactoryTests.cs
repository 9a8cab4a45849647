using HealthFunctions.Storage.Configuration;
using HealthFunctions.Storage.Tables;
using HealthFunctions.Storage.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace HealthFunctions.Storage.Tests.Configuration;

[Collection(AzuriteCollection.Name)]
public sealed class AzureClientFactoryTests(AzuriteFixture azurite)
{
    private const string SecretKey = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=";

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.GroupBy(s => s.Key).Select(g => KeyValuePair.Create(g.Key, (string?)g.Last().Value)))
            .Build();

    [Fact]
    public async Task CreateTableService_FromConnectionStringSetting_TalksToAzurite()
    {
        var table = AzureClientFactory.CreateTableService(Settings(("HealthStorage", azurite.ConnectionString)), "HealthStorage")
            .GetTableClient(UniqueName.Table());

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.NotNull(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public void Create_FromDevelopmentStorage_UsesWellKnownLocalEndpoints()
    {
        var settings = Settings(("S", "UseDevelopmentStorage=true"));

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", AzureClientFactory.CreateTableService(settings, "S").Endpoint.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", AzureClientFactory.CreateBlobService(settings, "S").Endpoint.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", AzureClientFactory.CreateQueueService(settings, "S").Endpoint.AbsoluteUri);
    }

    [Fact]
    public void Create_FromAccountKeyConnectionString_BuildsEndpointsFromSuffix()
    {
        var settings = Settings(("S", $"DefaultEndpointsProtocol=https;AccountName=prodacct;AccountKey={SecretKey};EndpointSuffix=core.chinacloudapi.cn"));

        Assert.Equal("https://prodacct.table.core.chinacloudapi.cn/", AzureClientFactory.CreateTableService(settings, "S").Endpoint.AbsoluteUri);
        Assert.Equal("https://prodacct.blob.core.chinacloudapi.cn/", AzureClientFactory.CreateBlobService(settings, "S").Endpoint.AbsoluteUri);
    }

    [Fact]
    public void Create_FromIdentitySettings_UsesAccountNameOrServiceUri()
    {
        var byName = Settings(("HealthStorage:accountName", "prodacct"), ("HealthStorage:credential", "managedidentity"),
            ("HealthStorage:clientId", "00000000-0000-0000-0000-000000000001"));
        var byUri = Settings(("HealthStorage:tableServiceUri", "https://custom.example.net"));

        Assert.Equal("https://prodacct.table.core.windows.net/", AzureClientFactory.CreateTableService(byName, "HealthStorage").Endpoint.AbsoluteUri);
        Assert.Equal("https://prodacct.queue.core.windows.net/", AzureClientFactory.CreateQueueService(byName, "HealthStorage").Endpoint.AbsoluteUri);
        Assert.Equal("https://custom.example.net/", AzureClientFactory.CreateTableService(byUri, "HealthStorage").Endpoint.AbsoluteUri);
    }

    [Fact]
    public void CreateServiceBus_FromNamespaceOrConnectionString_TargetsNamespace()
    {
        var byIdentity = Settings(("ServiceBusConnection:fullyQualifiedNamespace", "contoso.servicebus.windows.net"));
        var byKey = Settings(("ServiceBusConnection",
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey={SecretKey}"));

        Assert.Equal("https://contoso.servicebus.windows.net/", AzureClientFactory.CreateServiceBus(byIdentity, "ServiceBusConnection").Endpoint.AbsoluteUri);
        Assert.Equal("https://contoso.servicebus.windows.net/", AzureClientFactory.CreateServiceBus(byKey, "ServiceBusConnection").Endpoint.AbsoluteUri);
    }

    public static TheoryData<string, string, string, string> BadStorageSettings() => new()
    {
        { "HealthStorage", "", "HealthStorage", "HealthStorage__accountName" },
        { "HealthStorage", "AccountName=prodacct", "HealthStorage", "AccountKey" },
        { "HealthStorage", $"AccountKey={SecretKey}", "HealthStorage", "AccountName" },
        { "HealthStorage", "AccountName=prodacct;AccountKey=%%%not-base64" + SecretKey, "HealthStorage", "base64" },
        { "HealthStorage", "garbage;" + SecretKey, "HealthStorage", "malformed" },
        { "HealthStorage:accountName", "Bad_Name!", "HealthStorage__accountName", "3-24 lower-case" },
        { "HealthStorage:tableServiceUri", "not a uri", "HealthStorage__tableServiceUri", "absolute https" },
    };

    [Theory]
    [MemberData(nameof(BadStorageSettings))]
    public void CreateTableService_WithBadSettings_NamesTheSettingWithoutLeakingSecrets(string key, string value, string setting, string hint)
    {
        var settings = value.Length == 0 ? Settings() : Settings((key, value));

        var ex = Assert.Throws<StorageConfigurationException>(() => AzureClientFactory.CreateTableService(settings, "HealthStorage"));

        Assert.Equal(setting, ex.SettingName);
        Assert.Contains(setting, ex.Message);
        Assert.Contains(hint, ex.Message);
        Assert.DoesNotContain(SecretKey, ex.Message);
    }

    [Theory]
    [InlineData("credential", "clientsecret", "ServiceBusConnection__credential")]
    [InlineData("fullyQualifiedNamespace", "https://contoso.servicebus.windows.net/", "ServiceBusConnection__fullyQualifiedNamespace")]
    public void CreateServiceBus_WithBadIdentitySettings_NamesTheSetting(string property, string value, string setting)
    {
        var settings = Settings(("ServiceBusConnection:fullyQualifiedNamespace", "contoso.servicebus.windows.net"), ($"ServiceBusConnection:{property}", value));

        var ex = Assert.Throws<StorageConfigurationException>(() => AzureClientFactory.CreateServiceBus(settings, "ServiceBusConnection"));

        Assert.Equal(setting, ex.SettingName);
        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public void CreateServiceBus_WithKeylessConnectionString_SaysWhatIsMissingWithoutEchoingIt()
    {
        var settings = Settings(("ServiceBusConnection", $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKey={SecretKey}"));

        var ex = Assert.Throws<StorageConfigurationException>(() => AzureClientFactory.CreateServiceBus(settings, "ServiceBusConnection"));

        Assert.Contains("SharedAccessKeyName", ex.Message);
        Assert.DoesNotContain(SecretKey, ex.Message);
    }
}
