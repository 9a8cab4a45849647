using Microsoft.Extensions.Configuration;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Each source's active secrets (primary, then secondary during rotation), read from settings (Key Vault references
/// in Azure) on every delivery, so a rotated setting takes effect without code. Never logged.
/// </summary>
public sealed class WebhookSecrets(IConfiguration configuration)
{
    /// <summary>
    /// What App Service leaves in a setting whose Key Vault reference did not resolve (vault unreachable, secret
    /// missing, no access). That text names the vault and the secret, so it is guessable and never a secret.
    /// </summary>
    public const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>The usable secrets of a source: set, not blank, and not an unresolved Key Vault reference.</summary>
    public IReadOnlyList<string> For(WebhookSource source) =>
        new[] { configuration[source.SecretSetting], configuration[source.SecondarySecretSetting] }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s!.Trim())
            .Where(s => !s.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase))
            .ToList();
}
