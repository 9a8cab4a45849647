using Azure;
using HealthFunctions.Settings;
using HealthScoring;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Scoring;

/// <summary>
/// The active scoring model. The baseline is the file named by HealthFunctions:ModelPath, or the shipped default,
/// loaded and validated at start-up so a bad file stops the app with every problem listed. An activated model
/// stored in blob storage (<see cref="ModelStore"/>) replaces it: the store swaps it in on activation and when
/// it finds a newer one at the start of a rescore.
/// </summary>
public sealed class ModelProvider
{
    private volatile ActiveModel _active;

    /// <summary>Loads the baseline model named by the options.</summary>
    public ModelProvider(IOptions<PipelineOptions> options)
    {
        var path = options.Value.ModelPath;
        string json;
        HealthModel model;
        if (string.IsNullOrWhiteSpace(path))
        {
            json = DefaultModels.DefaultJson;
            model = DefaultModels.Default;
        }
        else
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Setting {SettingNames.ModelPath} names '{path}', which does not exist.");
            }

            json = File.ReadAllText(path);
            try
            {
                model = HealthModelLoader.Load(json);
            }
            catch (ModelValidationException e)
            {
                throw new InvalidOperationException(
                    $"The model in {path} ({SettingNames.ModelPath}) is invalid:{Environment.NewLine}" +
                    string.Join(Environment.NewLine, e.Errors.Select(x => $"  {x.Path}: {x.Message}")), e);
            }
        }

        Baseline = new ActiveModel(model, json, ModelSignals.Of(model), null);
        _active = Baseline;
    }

    /// <summary>The model from settings (or the shipped default), used until another is activated.</summary>
    public ActiveModel Baseline { get; }

    /// <summary>The active model with its JSON, read together.</summary>
    public ActiveModel Active => _active;

    /// <summary>The active model.</summary>
    public HealthModel Current => _active.Model;

    /// <summary>The active model's JSON document.</summary>
    public string CurrentJson => _active.Json;

    /// <summary>Every signal name the active model reads (any segment or stage).</summary>
    public IReadOnlySet<string> ModeledSignals => _active.Signals;

    /// <summary>The ETag of the stored active model in use, or null when none has been read.</summary>
    public ETag? StoredETag => _active.StoredETag;

    /// <summary>Makes <paramref name="model"/> active in this process.</summary>
    public void Use(HealthModel model, string json, ETag? storedETag) =>
        _active = new ActiveModel(model, json, ModelSignals.Of(model), storedETag);
}
