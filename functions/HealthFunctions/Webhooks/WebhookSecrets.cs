using Microsoft.Extensions.Configuration;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Each source's active secrets (primary, then secondary during rotation), read from settings (Key Vault references
/// in Azure) on every delivery, so a rotated setting takes effect without code. Never logged.
/// </summary>
public sealed class WebhookSecrets(IConfiguration configuration)
{
    /// <summary>The non-empty secrets of a source.</summary>
    public IReadOnlyList<string> For(WebhookSource source) =>
        new[] { configuration[source.SecretSetting], configuration[source.SecondarySecretSetting] }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList();
}
