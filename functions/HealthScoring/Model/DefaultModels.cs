namespace HealthScoring;

/// <summary>The models shipped with the library.</summary>
public static class DefaultModels
{
    private static readonly Lazy<HealthModel> DefaultModel = new(() => HealthModelLoader.LoadCore(DefaultJson, fallbackPlaybooks: new PlaybookRules([])));

    /// <summary>The resource name of the default model document.</summary>
    public const string DefaultResourceName = "HealthScoring.Models.default-model.json";

    /// <summary>
    /// The default model (functions/HealthScoring/Models/default-model.json): 40/20/15/25
    /// adoption/sentiment/support/outcomes, financial at weight 0 (critical payment failures still cap at Red),
    /// Enterprise/MidMarket/SMB segments and an onboarding stage.
    /// </summary>
    public static HealthModel Default => DefaultModel.Value;

    /// <summary>The default model's JSON text (valid input to <see cref="HealthModelLoader.Load"/>).</summary>
    public static string DefaultJson
    {
        get
        {
            using var stream = typeof(DefaultModels).Assembly.GetManifestResourceStream(DefaultResourceName)
                ?? throw new InvalidOperationException($"Embedded resource {DefaultResourceName} is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
