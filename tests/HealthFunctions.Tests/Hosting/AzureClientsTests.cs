using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using HealthFunctions.Hosting;
using HealthFunctions.Settings;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class AzureClientsTests(AzuriteFixture azurite)
{
    private const string SecretKey = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=";

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.GroupBy(s => s.Key).Select(g => KeyValuePair.Create(g.Key, (string?)g.Last().Value)))
            .Build();

    private static ServiceProvider Clients(IConfiguration settings, bool serviceBus = false) =>
        new ServiceCollection().AddHealthAzureClients(settings, serviceBus).BuildServiceProvider();

    [Fact]
    public async Task TableClient_FromConnectionStringSetting_TalksToAzurite()
    {
        using var provider = Clients(Settings((SettingNames.HealthStorage, azurite.ConnectionString)));
        var table = provider.GetRequiredService<TableServiceClient>().GetTableClient("t" + Guid.NewGuid().ToString("N")[..12]);

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public void Clients_FromDevelopmentStorage_UseWellKnownLocalEndpoints()
    {
        using var provider = Clients(Settings(("HealthStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", provider.GetRequiredService<TableServiceClient>().Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", provider.GetRequiredService<BlobServiceClient>().Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", provider.GetRequiredService<QueueServiceClient>().Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void Clients_FromAccountKeyConnectionString_BuildEndpointsFromSuffix()
    {
        using var provider = Clients(Settings(("HealthStorage",
            $"DefaultEndpointsProtocol=https;AccountName=prodacct;AccountKey={SecretKey};EndpointSuffix=core.chinacloudapi.cn")));

        Assert.Equal("https://prodacct.table.core.chinacloudapi.cn/", provider.GetRequiredService<TableServiceClient>().Uri.AbsoluteUri);
        Assert.Equal("https://prodacct.blob.core.chinacloudapi.cn/", provider.GetRequiredService<BlobServiceClient>().Uri.AbsoluteUri);
    }

    [Fact]
    public void Clients_FromIdentitySettings_UseAccountNameOrServiceUris()
    {
        using var byName = Clients(Settings(("HealthStorage:accountName", "prodacct"), ("HealthStorage:credential", "managedidentity"),
            ("HealthStorage:clientId", "00000000-0000-0000-0000-000000000001")));
        using var byUri = Clients(Settings(("HealthStorage:tableServiceUri", "https://custom.example.net"),
            ("HealthStorage:blobServiceUri", "https://blobs.example.net")));

        Assert.Equal("https://prodacct.table.core.windows.net/", byName.GetRequiredService<TableServiceClient>().Uri.AbsoluteUri);
        Assert.Equal("https://prodacct.queue.core.windows.net/", byName.GetRequiredService<QueueServiceClient>().Uri.AbsoluteUri);
        Assert.Equal("https://custom.example.net/", byUri.GetRequiredService<TableServiceClient>().Uri.AbsoluteUri);
        Assert.Equal("https://blobs.example.net/", byUri.GetRequiredService<BlobServiceClient>().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task ServiceBusClient_FromNamespaceOrConnectionString_TargetsNamespace()
    {
        var storage = ("HealthStorage", "UseDevelopmentStorage=true");
        await using var byIdentity = Clients(Settings(storage, ("ServiceBusConnection:fullyQualifiedNamespace", "contoso.servicebus.windows.net")), serviceBus: true);
        await using var byKey = Clients(Settings(storage, ("ServiceBusConnection",
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey={SecretKey}")), serviceBus: true);

        Assert.Equal("contoso.servicebus.windows.net", byIdentity.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        Assert.Equal("contoso.servicebus.windows.net", byKey.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
    }

    [Fact]
    public void ServiceBus_NotAskedFor_IsNotRegistered()
    {
        using var provider = Clients(Settings(("HealthStorage", "UseDevelopmentStorage=true")));

        Assert.Null(provider.GetService<ServiceBusClient>());
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
        { "HealthStorage:tableServiceUri", "https://custom.example.net", "HealthStorage__blobServiceUri", "blob endpoint" },
    };

    [Theory]
    [MemberData(nameof(BadStorageSettings))]
    public void Registration_WithBadStorageSettings_NamesTheSettingWithoutLeakingSecrets(string key, string value, string setting, string hint)
    {
        var settings = value.Length == 0 ? Settings() : Settings((key, value));

        var ex = Assert.Throws<ConnectionSettingException>(() => Clients(settings));

        Assert.Equal(setting, ex.SettingName);
        Assert.Contains(setting, ex.Message);
        Assert.Contains(hint, ex.Message);
        Assert.DoesNotContain(SecretKey, ex.Message);
    }

    [Theory]
    [InlineData("credential", "clientsecret", "ServiceBusConnection__credential")]
    [InlineData("fullyQualifiedNamespace", "https://contoso.servicebus.windows.net/", "ServiceBusConnection__fullyQualifiedNamespace")]
    public void Registration_WithBadServiceBusIdentitySettings_NamesTheSetting(string property, string value, string setting)
    {
        var settings = Settings(("HealthStorage", "UseDevelopmentStorage=true"),
            ("ServiceBusConnection:fullyQualifiedNamespace", "contoso.servicebus.windows.net"), ($"ServiceBusConnection:{property}", value));

        var ex = Assert.Throws<ConnectionSettingException>(() => Clients(settings, serviceBus: true));

        Assert.Equal(setting, ex.SettingName);
        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public void Registration_WithKeylessServiceBusConnectionString_SaysWhatIsMissingWithoutEchoingIt()
    {
        var settings = Settings(("HealthStorage", "UseDevelopmentStorage=true"),
            ("ServiceBusConnection", $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKey={SecretKey}"));

        var ex = Assert.Throws<ConnectionSettingException>(() => Clients(settings, serviceBus: true));

        Assert.Contains("SharedAccessKeyName", ex.Message);
        Assert.DoesNotContain(SecretKey, ex.Message);
    }

    [Fact]
    public void Retries_ComeFromTheClientOptions()
    {
        var options = new TableClientOptions();

        AzureClients.Configure(options.Retry);

        Assert.Equal(AzureClients.MaxRetries, options.Retry.MaxRetries);
        Assert.Equal(Azure.Core.RetryMode.Exponential, options.Retry.Mode);
        Assert.Equal(AzureClients.NetworkTimeout, options.Retry.NetworkTimeout);
    }
}
