using HealthFunctions.Settings;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Webhooks;

/// <summary>
/// The active webhook mapping: the file named by HealthFunctions:WebhookMappingsPath, or the embedded default.
/// Loaded once at start-up, so a bad mapping stops the app with every problem listed.
/// </summary>
public sealed class WebhookMappingProvider
{
    /// <summary>Loads the mapping named by the options.</summary>
    public WebhookMappingProvider(IOptions<PipelineOptions> options)
    {
        var path = options.Value.WebhookMappingsPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            Current = WebhookMappingLoader.Default;
            return;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Setting {SettingNames.WebhookMappingsPath} names '{path}', which does not exist.");
        }

        try
        {
            Current = WebhookMappingLoader.Load(File.ReadAllText(path));
        }
        catch (WebhookMappingException e)
        {
            throw new InvalidOperationException($"{path} ({SettingNames.WebhookMappingsPath}): {e.Message}", e);
        }
    }

    /// <summary>The active mapping.</summary>
    public WebhookMappings Current { get; }

    /// <summary>A source's mapping; a source the mapping leaves out maps every delivery to nothing.</summary>
    public SourceMapping For(string source) =>
        Current.Sources.TryGetValue(source, out var mapping) ? mapping : new SourceMapping("id", null, []);
}
