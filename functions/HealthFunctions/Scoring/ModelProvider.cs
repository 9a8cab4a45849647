using HealthFunctions.Settings;
using HealthScoring;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Scoring;

/// <summary>
/// The active scoring model: the file named by HealthFunctions:ModelPath, or the shipped default. Loaded and
/// validated once at start-up, so a bad model stops the app with every problem listed.
/// </summary>
public sealed class ModelProvider
{
    /// <summary>Loads the model named by the options.</summary>
    public ModelProvider(IOptions<PipelineOptions> options)
    {
        var path = options.Value.ModelPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            Current = DefaultModels.Default;
        }
        else
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Setting {SettingNames.ModelPath} names '{path}', which does not exist.");
            }

            try
            {
                Current = HealthModelLoader.Load(File.ReadAllText(path));
            }
            catch (ModelValidationException e)
            {
                throw new InvalidOperationException(
                    $"The model in {path} ({SettingNames.ModelPath}) is invalid:{Environment.NewLine}" +
                    string.Join(Environment.NewLine, e.Errors.Select(x => $"  {x.Path}: {x.Message}")), e);
            }
        }

        ModeledSignals = ModelSignals.Of(Current);
    }

    /// <summary>The active model.</summary>
    public HealthModel Current { get; }

    /// <summary>Every signal name the model reads (any segment or stage).</summary>
    public IReadOnlySet<string> ModeledSignals { get; }
}
