using HealthFunctions.Settings;

namespace HealthFunctions.Webhooks;

/// <summary>One webhook source: its route name, signing scheme and the settings that hold its two secrets.</summary>
public sealed record WebhookSource(string Name, SignatureScheme Scheme, string SecretSetting, string SecondarySecretSetting)
{
    /// <summary>Every source, by route name.</summary>
    public static readonly IReadOnlyDictionary<string, WebhookSource> All = new[]
    {
        new WebhookSource("segment", SignatureScheme.Segment, SettingNames.SegmentSecret, SettingNames.SegmentSecondarySecret),
        new WebhookSource("stripe", SignatureScheme.Stripe, SettingNames.StripeSecret, SettingNames.StripeSecondarySecret),
        new WebhookSource("zendesk", SignatureScheme.Zendesk, SettingNames.ZendeskSecret, SettingNames.ZendeskSecondarySecret),
        // Delighted documents no signature of its own: the NPS endpoint takes Standard Webhooks headers (docs/webhooks.md).
        new WebhookSource("nps", SignatureScheme.Standard, SettingNames.NpsSecret, SettingNames.NpsSecondarySecret),
        new WebhookSource("standard", SignatureScheme.Standard, SettingNames.StandardSecret, SettingNames.StandardSecondarySecret),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The source for a route segment, or a 404.</summary>
    public static WebhookSource Find(string? name) =>
        name is not null && All.TryGetValue(name, out var source)
            ? source
            : throw new Errors.NotFoundException($"Unknown webhook source '{name}'; expected one of {string.Join(", ", All.Keys)}.");
}
