using HealthFunctions.Webhooks;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

public sealed class WebhookSecretsTests
{
    private static IReadOnlyList<string> SecretsOf(string? primary, string? secondary) =>
        new WebhookSecrets(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HealthFunctions:Webhooks:Stripe:Secret"] = primary,
            ["HealthFunctions:Webhooks:Stripe:SecondarySecret"] = secondary,
        }).Build()).For(WebhookSource.All["stripe"]);

    [Fact]
    public void BothSecrets_AreActive_DuringRotation()
    {
        Assert.Equal(["whsec_new", "whsec_old"], SecretsOf(" whsec_new ", "whsec_old"));
    }

    [Fact]
    public void BlankOrMissing_IsNoSecret()
    {
        Assert.Empty(SecretsOf("  ", null));
    }

    [Fact]
    public void UnresolvedKeyVaultReference_IsNeverUsedAsASecret()
    {
        var reference = "@Microsoft.KeyVault(SecretUri=https://kv-hf.vault.azure.net/secrets/stripe-webhook-secret/)";

        Assert.Equal(["whsec_old"], SecretsOf(reference, "whsec_old"));
        Assert.Empty(SecretsOf(reference, null));
    }
}
