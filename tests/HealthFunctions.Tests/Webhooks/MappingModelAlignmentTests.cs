using HealthFunctions.Scoring;
using HealthFunctions.Webhooks;
using HealthScoring;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>
/// The shipped webhook mapping and the shipped scoring model stay in step: every metric a vendor event becomes is one the
/// model reads, and every signal the model reads has a webhook source (docs/webhooks.md, "The mapping and the model").
/// </summary>
public sealed class MappingModelAlignmentTests
{
    /// <summary>Signals no vendor event carries: a CSM's judgement, posted by any Standard Webhooks sender or POST /api/signals.</summary>
    private static readonly string[] FromStandardOrApi = ["csm_pulse"];

    private static IEnumerable<string> MappedMetrics() =>
        WebhookMappingLoader.Default.Sources.Values.SelectMany(s => s.Rules).Select(r => r.Metric).OfType<string>().Distinct();

    [Fact]
    public void EveryMetricTheMappingProduces_IsReadByTheDefaultModel()
    {
        var read = ModelSignals.Of(DefaultModels.Default);

        var unread = MappedMetrics().Where(m => !read.Contains(m)).ToList();
        Assert.True(unread.Count == 0, $"the default model reads none of: {string.Join(", ", unread)}");
    }

    [Fact]
    public void EverySignalTheDefaultModelReads_HasAWebhookSource()
    {
        var mapped = MappedMetrics().Concat(FromStandardOrApi).ToHashSet(StringComparer.Ordinal);

        var unsourced = ModelSignals.Of(DefaultModels.Default).Where(s => !mapped.Contains(s)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unsourced.Count == 0, $"no webhook source for: {string.Join(", ", unsourced)}");
        Assert.Contains(WebhookMappingLoader.Default.Sources["standard"].Rules, r => r.MetricPath is not null);
    }
}
