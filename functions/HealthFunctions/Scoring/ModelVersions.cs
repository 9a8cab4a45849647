using System.Collections.Concurrent;
using HealthScoring;

namespace HealthFunctions.Scoring;

/// <summary>
/// Any model this app knows, by version (the active one, the baseline, a stored proposal), loaded once and kept: a
/// version names one document, so what was loaded stays right. Scores are explained with the model that computed them,
/// and a transition's cause compares with the model of its baseline. A version no one knows (a model file replaced
/// under the same deployment, a proposal deleted) is null; it is asked again next time.
/// </summary>
public sealed class ModelVersions(ModelProvider provider, ModelStore store)
{
    /// <summary>Models kept (a deployment meets a handful of versions; past this the cache starts again).</summary>
    private const int MaxKept = 32;

    private readonly ConcurrentDictionary<string, HealthModel> _loaded = new(StringComparer.Ordinal);

    /// <summary>The model of <paramref name="version"/>, or null when no stored model has it (or its document is invalid).</summary>
    public async Task<HealthModel?> FindAsync(string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (provider.Active.Model is { } active && active.Version == version)
        {
            return active;
        }

        if (provider.Baseline.Model.Version == version)
        {
            return provider.Baseline.Model;
        }

        if (_loaded.TryGetValue(version, out var known))
        {
            return known;
        }

        var json = await store.FindAsync(version, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        HealthModel model;
        try
        {
            model = HealthModelLoader.Load(json);
        }
        catch (ModelValidationException)
        {
            return null;
        }

        if (model.Version != version)
        {
            return null;
        }

        if (_loaded.Count >= MaxKept)
        {
            _loaded.Clear();
        }

        return _loaded.GetOrAdd(version, model);
    }

    /// <summary>The models of <paramref name="versions"/> that can be had (null for the others), each looked up once.</summary>
    public async Task<Dictionary<string, HealthModel?>> FindAllAsync(IEnumerable<string> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var found = new Dictionary<string, HealthModel?>(StringComparer.Ordinal);
        foreach (var version in versions.Distinct(StringComparer.Ordinal))
        {
            found[version] = await FindAsync(version, cancellationToken).ConfigureAwait(false);
        }

        return found;
    }
}
