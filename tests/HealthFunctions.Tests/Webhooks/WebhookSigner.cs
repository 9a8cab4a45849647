using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HealthFunctions.Webhooks;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>Signs test deliveries the way each source does, and holds the test secrets and fixtures.</summary>
public static class WebhookSigner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static readonly IReadOnlyDictionary<string, string> Secrets = new Dictionary<string, string>
    {
        ["segment"] = "test-segment-secret",
        ["stripe"] = "whsec_test_stripe_secret",
        ["zendesk"] = "test-zendesk-secret",
        ["nps"] = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("test-nps-secret-key")),
        ["standard"] = StandardSecret,
    };

    /// <summary>App settings with every source's test secret.</summary>
    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string>? secondary = null)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, source) in WebhookSource.All)
        {
            settings[source.SecretSetting] = Secrets[name];
            settings[source.SecondarySecretSetting] = secondary?.GetValueOrDefault(name) ?? "";
        }

        return settings;
    }

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures", name));

    /// <summary>The headers a source would send for this body.</summary>
    public static Dictionary<string, string> Headers(string source, byte[] body, DateTimeOffset at, string? webhookId = null, string? secret = null)
    {
        secret ??= Secrets[source];
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        switch (source)
        {
            case "segment":
                return new() { ["X-Signature"] = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body)) };
            case "stripe":
                var stripe = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(t + "."), .. body]);
                return new() { ["Stripe-Signature"] = $"t={t},v1={Convert.ToHexStringLower(stripe)},v0=deadbeef" };
            case "zendesk":
                var iso = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                var zendesk = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(iso), .. body]);
                return new() { ["X-Zendesk-Webhook-Signature"] = Convert.ToBase64String(zendesk), ["X-Zendesk-Webhook-Signature-Timestamp"] = iso };
            default:
                var id = webhookId ?? "msg_" + Guid.NewGuid().ToString("N");
                var key = SignatureVerifier.StandardKey(secret);
                var standard = HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{t}."), .. body]);
                return new() { ["webhook-id"] = id, ["webhook-timestamp"] = t, ["webhook-signature"] = "v1," + Convert.ToBase64String(standard) };
        }
    }
}
