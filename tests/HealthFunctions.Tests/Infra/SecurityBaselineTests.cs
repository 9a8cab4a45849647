using System.Text.Json;
using System.Text.RegularExpressions;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;
using static HealthFunctions.Tests.Infra.DeploymentSnapshot;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// The evaluated deployments (<c>bicep snapshot</c> of every parameter file) keep Azure's security baseline: identity
/// only, TLS 1.2, diagnostic settings everywhere, no basic publishing credentials, purge protection, soft delete of the
/// webhook archive, and no public network access where the parameters turn it off (the prod parameters must).
/// </summary>
public sealed partial class SecurityBaselineTests
{
    private const string ProdParameters = "main.prod.bicepparam";

    // Resource kinds that must send logs and metrics to Log Analytics (storage accounts: metrics only; their logs
    // belong to the blob, table and queue services).
    private static readonly string[] DiagnosedKinds =
    [
        "Microsoft.Web/sites",
        "Microsoft.Storage/storageAccounts",
        "Microsoft.Storage/storageAccounts/blobServices",
        "Microsoft.Storage/storageAccounts/tableServices",
        "Microsoft.Storage/storageAccounts/queueServices",
        "Microsoft.ServiceBus/namespaces",
        "Microsoft.KeyVault/vaults",
    ];

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task EveryResourceKind_SendsLogsAndMetricsToTheWorkspace(string parameterFile)
    {
        var snapshot = await SnapshotAsync(parameterFile);
        var workspace = Id(snapshot.Single("Microsoft.OperationalInsights/workspaces"));

        Assert.All(DiagnosedKinds, kind =>
        {
            var resources = snapshot.OfType(kind).ToList();
            Assert.True(resources.Count > 0, $"{parameterFile} deploys no {kind}.");
            Assert.All(resources, resource =>
            {
                var setting = Assert.Single(snapshot.DiagnosticSettingsOf(resource));
                Assert.Equal(workspace, StringAt(setting, "workspaceId"));
                Assert.Contains(Categories(setting, "metrics"), m => m is ("AllMetrics", true));
                if (kind != "Microsoft.Storage/storageAccounts")
                {
                    Assert.Contains(Categories(setting, "logs"), l => l is ("allLogs", true));
                }
            });
        });
    }

    [Fact]
    public async Task ProdParameters_TurnPublicNetworkAccessOff_ForStorageAndKeyVault()
    {
        var snapshot = await SnapshotAsync(ProdParameters);

        var accounts = snapshot.OfType("Microsoft.Storage/storageAccounts").ToList();
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a =>
        {
            Assert.Equal("Disabled", StringAt(a, "publicNetworkAccess"));
            Assert.Equal("Deny", StringAt(a, "networkAcls", "defaultAction"));
        });
        var vault = snapshot.Single("Microsoft.KeyVault/vaults");
        Assert.Equal("Disabled", StringAt(vault, "publicNetworkAccess"));
        Assert.Equal("Deny", StringAt(vault, "networkAcls", "defaultAction"));
    }

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task WithoutPublicAccess_TheAppReachesStorageAndKeyVaultThroughPrivateEndpoints(string parameterFile)
    {
        var snapshot = await SnapshotAsync(parameterFile);
        var accounts = snapshot.OfType("Microsoft.Storage/storageAccounts").ToList();
        var vault = snapshot.Single("Microsoft.KeyVault/vaults");
        var site = snapshot.Single("Microsoft.Web/sites");
        var isPrivate = StringAt(accounts[0], "publicNetworkAccess") == "Disabled";

        // All or nothing: a half-private deployment would leave the app unable to reach what went private.
        Assert.All(accounts, a => Assert.Equal(isPrivate ? "Disabled" : "Enabled", StringAt(a, "publicNetworkAccess")));
        var endpoints = snapshot.OfType("Microsoft.Network/privateEndpoints")
            .Select(e => (Target(e), Group(e)))
            .ToHashSet();
        if (!isPrivate)
        {
            Assert.Empty(endpoints);
            Assert.Null(At(site, "virtualNetworkSubnetId"));
            return;
        }

        // The host needs blob (leases, keys, the deployment package); the app's data needs blob and table.
        var host = accounts.Single(a => snapshot.Children(a, "Microsoft.Storage/storageAccounts/blobServices/containers")
            .Any(c => Name(c).EndsWith("/app-package", StringComparison.Ordinal)));
        var data = accounts.Single(a => a.GetProperty("id").GetString() != host.GetProperty("id").GetString());
        Assert.Contains((Id(host), "blob"), endpoints);
        Assert.Contains((Id(data), "blob"), endpoints);
        Assert.Contains((Id(data), "table"), endpoints);
        Assert.Contains((Id(vault), "vault"), endpoints);
        Assert.Equal(4, snapshot.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").Count());
        Assert.NotNull(At(site, "virtualNetworkSubnetId"));
        var subnet = snapshot.Single("Microsoft.Network/virtualNetworks").GetProperty("properties").GetProperty("subnets")
            .EnumerateArray().Single(s => s.GetProperty("name").GetString() == "app");
        Assert.Equal("Microsoft.App/environments",
            subnet.GetProperty("properties").GetProperty("delegations")[0].GetProperty("properties").GetProperty("serviceName").GetString());
    }

    [Fact]
    public async Task PurgeProtection_IsOnByDefault_AndInProd()
    {
        var build = await InfraBuild.GetAsync();
        var prod = await SnapshotAsync(ProdParameters);

        var parameter = build.CompiledTemplate("main.bicep").GetProperty("parameters").GetProperty("enablePurgeProtection");
        Assert.True(parameter.GetProperty("defaultValue").GetBoolean());
        Assert.True(At(prod.Single("Microsoft.KeyVault/vaults"), "enablePurgeProtection")?.GetBoolean());
    }

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task WebhookArchive_HasBlobAndContainerSoftDelete(string parameterFile)
    {
        var snapshot = await SnapshotAsync(parameterFile);
        var archive = new TableNames(Options.Create(new PipelineOptions())).WebhookArchive;

        var account = snapshot.OfType("Microsoft.Storage/storageAccounts").Single(a =>
            snapshot.Children(a, "Microsoft.Storage/storageAccounts/blobServices/containers")
                .Any(c => Name(c).EndsWith("/" + archive, StringComparison.Ordinal)));
        var blobService = Assert.Single(snapshot.Children(account, "Microsoft.Storage/storageAccounts/blobServices"));

        foreach (var policy in new[] { "deleteRetentionPolicy", "containerDeleteRetentionPolicy" })
        {
            Assert.True(At(blobService, policy, "enabled")?.GetBoolean(), $"{policy} is off.");
            Assert.True(At(blobService, policy, "days")?.GetInt32() > 0, $"{policy} keeps nothing.");
        }
    }

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task FunctionApp_AllowsNoBasicPublishingCredentials(string parameterFile)
    {
        var snapshot = await SnapshotAsync(parameterFile);
        var site = snapshot.Single("Microsoft.Web/sites");

        var policies = snapshot.Children(site, "Microsoft.Web/sites/basicPublishingCredentialsPolicies")
            .ToDictionary(p => Name(p).Split('/')[^1], p => At(p, "allow")?.GetBoolean());

        Assert.Equal(new Dictionary<string, bool?> { ["ftp"] = false, ["scm"] = false }, policies);
    }

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task EveryService_TakesIdentitiesOnly_OverTls12(string parameterFile)
    {
        var snapshot = await SnapshotAsync(parameterFile);

        Assert.All(snapshot.OfType("Microsoft.Storage/storageAccounts"), a =>
        {
            Assert.False(At(a, "allowSharedKeyAccess")?.GetBoolean());
            Assert.False(At(a, "allowBlobPublicAccess")?.GetBoolean());
            Assert.Equal("TLS1_2", StringAt(a, "minimumTlsVersion"));
        });
        var serviceBus = snapshot.Single("Microsoft.ServiceBus/namespaces");
        Assert.True(At(serviceBus, "disableLocalAuth")?.GetBoolean());
        Assert.Equal("1.2", StringAt(serviceBus, "minimumTlsVersion"));
        Assert.True(At(snapshot.Single("Microsoft.KeyVault/vaults"), "enableRbacAuthorization")?.GetBoolean());
        Assert.True(At(snapshot.Single("Microsoft.Insights/components"), "DisableLocalAuth")?.GetBoolean());
        var site = snapshot.Single("Microsoft.Web/sites");
        Assert.True(At(site, "httpsOnly")?.GetBoolean());
        Assert.Equal("1.2", StringAt(site, "siteConfig", "minTlsVersion"));
    }

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task FunctionApp_RunsTheAppsDotNetVersion_InTheIsolatedWorker_OnFlexConsumption(string parameterFile)
    {
        var snapshot = await SnapshotAsync(parameterFile);
        var site = snapshot.Single("Microsoft.Web/sites");
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "local.settings.sample.json")));
        var localRuntime = sample.RootElement.GetProperty("Values").GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString();

        Assert.Equal("dotnet-isolated", StringAt(site, "functionAppConfig", "runtime", "name"));
        Assert.Equal(AppDotNetVersion(), StringAt(site, "functionAppConfig", "runtime", "version"));
        Assert.Equal(localRuntime, StringAt(site, "functionAppConfig", "runtime", "name"));
        Assert.Equal("FlexConsumption", snapshot.Single("Microsoft.Web/serverfarms").GetProperty("sku").GetProperty("tier").GetString());
        // On Flex the worker comes from functionAppConfig.runtime; FUNCTIONS_WORKER_RUNTIME must not be an app setting.
        var settings = Assert.Single(snapshot.Children(site, "Microsoft.Web/sites/config"), c => Name(c).EndsWith("/appsettings", StringComparison.Ordinal));
        Assert.DoesNotContain(Properties(settings).EnumerateObject(), s => s.Name == "FUNCTIONS_WORKER_RUNTIME");
    }

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task FunctionApp_RequiresEntraIdSignIn_ForAllButTheWebhooksAndHealthz(string parameterFile)
    {
        var snapshot = await SnapshotAsync(parameterFile);
        var site = snapshot.Single("Microsoft.Web/sites");
        var auth = Assert.Single(snapshot.Children(site, "Microsoft.Web/sites/config"), c => Name(c).EndsWith("/authsettingsV2", StringComparison.Ordinal));

        Assert.True(At(auth, "platform", "enabled")?.GetBoolean());
        Assert.True(At(auth, "globalValidation", "requireAuthentication")?.GetBoolean());
        Assert.Equal("RedirectToLoginPage", StringAt(auth, "globalValidation", "unauthenticatedClientAction"));
        Assert.True(At(auth, "httpSettings", "requireHttps")?.GetBoolean());
        // Anonymous: exactly the signed webhooks (one path per source the app serves) and the liveness probe.
        var sources = HealthFunctions.Webhooks.WebhookSource.All.Keys.Select(s => "/api/webhooks/" + s);
        var excluded = At(auth, "globalValidation", "excludedPaths")!.Value.EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(sources.Append("/api/healthz").Order(StringComparer.Ordinal), excluded.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(excluded, p => p.Contains("dashboard", StringComparison.Ordinal) || p.Contains("accounts", StringComparison.Ordinal) || p.Contains("ops", StringComparison.Ordinal));

        var aad = At(auth, "identityProviders", "azureActiveDirectory")!.Value;
        Assert.True(aad.GetProperty("enabled").GetBoolean());
        Assert.Equal(BicepCli.TestAuthClientId, aad.GetProperty("registration").GetProperty("clientId").GetString());
        // The tenant is known only at deployment (tenant()), so the issuer stays an expression in the snapshot.
        Assert.Contains("/v2.0", aad.GetProperty("registration").GetProperty("openIdIssuer").GetString(), StringComparison.Ordinal);
        Assert.Contains($"api://{BicepCli.TestAuthClientId}", aad.GetProperty("validation").GetProperty("allowedAudiences").EnumerateArray().Select(a => a.GetString()));
        // No client secret: the registration trusts a managed identity of its own (a federated credential), which the
        // site carries beside the app's identity.
        Assert.Equal("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", aad.GetProperty("registration").GetProperty("clientSecretSettingName").GetString());
        var settings = Properties(Assert.Single(snapshot.Children(site, "Microsoft.Web/sites/config"), c => Name(c).EndsWith("/appsettings", StringComparison.Ordinal)));
        Assert.True(settings.TryGetProperty("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", out _));
        Assert.True(settings.TryGetProperty("WEBSITE_AUTH_AAD_ALLOWED_TENANTS", out _));
        Assert.DoesNotContain(settings.EnumerateObject(), s => s.Name == "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET");
        var identities = snapshot.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").ToList();
        Assert.Equal(2, identities.Count);
        Assert.Equal(2, site.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject().Count());
    }

    private static async Task<DeploymentSnapshot> SnapshotAsync(string parameterFile) =>
        (await InfraBuild.GetAsync()).Snapshot(parameterFile);

    private static IEnumerable<(string? Category, bool Enabled)> Categories(JsonElement setting, string kind) =>
        At(setting, kind) is { } list
            ? list.EnumerateArray().Select(c => (
                c.TryGetProperty("categoryGroup", out var g) ? g.GetString() : c.GetProperty("category").GetString(),
                c.GetProperty("enabled").GetBoolean()))
            : [];

    private static string Target(JsonElement endpoint) =>
        At(endpoint, "privateLinkServiceConnections")!.Value[0].GetProperty("properties").GetProperty("privateLinkServiceId").GetString()!;

    private static string Group(JsonElement endpoint) =>
        At(endpoint, "privateLinkServiceConnections")!.Value[0].GetProperty("properties").GetProperty("groupIds")[0].GetString()!;

    // "net10.0" in the app's project (or Directory.Build.props) is runtime version "10.0".
    private static string AppDotNetVersion()
    {
        var root = RepositoryRoot.Find();
        var match = new[] { Path.Combine(root, "functions", "HealthFunctions", "HealthFunctions.csproj"), Path.Combine(root, "Directory.Build.props") }
            .Select(f => TargetFramework().Match(File.ReadAllText(f)))
            .First(m => m.Success);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"<TargetFramework>net(\d+\.\d+)</TargetFramework>")]
    private static partial Regex TargetFramework();
}
