using HealthScoring.Tests.Support;
using static HealthScoring.Tests.Support.Histories;

namespace HealthScoring.Tests.Engine;

/// <summary>The parts of the model format that calibrated models use: categorical levels, missing scores, shifts.</summary>
public sealed class ScoringEngineCalibratedFormatTests
{
    private const string Model = """
        { "version": "f", "minimumCoverage": 0,
          "components": [ { "name": "c", "metrics": [
            { "name": "usage", "weight": 3, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 }, "missingScore": 10 },
            { "name": "home", "weight": 1, "aggregation": "latest", "normalizer": { "type": "categorical",
                "levels": [ { "value": 1, "label": "owner", "score": 80 }, { "value": 2, "label": "rent", "score": 20 } ] } } ] } ],
          "segments": { "SMB": { "shift": -15 }, "Enterprise": { "shift": 30 } },
          "lifecycleStages": { "onboarding": { "shift": 5 } } }
        """;

    [Fact]
    public void Score_ACategoricalMetric_TakesItsLevelsScore()
    {
        var result = ScoringEngine.Score(HealthModelLoader.Load(Model), Account(), Latest(("usage", 60), ("home", 2)), AsOf);

        Assert.Equal(20, result.Metrics[1].Normalized);
        Assert.Equal(((3 * 60) + 20) / 4.0, result.Score);
    }

    [Fact]
    public void Score_AMetricWithAMissingScore_TakesItWithoutData_ButItDoesNotCountAsCoverage()
    {
        var result = ScoringEngine.Score(HealthModelLoader.Load(Model), Account(), Latest(("home", 1)), AsOf);

        var usage = result.Metrics[0];
        Assert.Equal((MetricSource.Imputed, (double?)null, (double?)10, 0.75), (usage.Source, usage.Raw, usage.Normalized, usage.EffectiveWeight));
        Assert.Equal(((3 * 10) + 80) / 4.0, result.Score);
        Assert.Equal(0.25, result.Coverage);
    }

    [Fact]
    public void Score_AnUnknownLevelWithAMissingScore_IsImputedToo()
    {
        var model = HealthModelLoader.Load(Model.Replace("\"score\": 20 } ] } }", "\"score\": 20 } ] }, \"missingScore\": 45 }", StringComparison.Ordinal));

        var result = ScoringEngine.Score(model, Account(), Latest(("usage", 60), ("home", 9)), AsOf);

        Assert.Equal((MetricSource.Imputed, (double?)9, (double?)45), (result.Metrics[1].Source, result.Metrics[1].Raw, result.Metrics[1].Normalized));
    }

    [Theory]
    [InlineData("SMB", null, 50.0 - 15, -15.0)]
    [InlineData("smb", "onboarding", 50.0 - 15 + 5, -10.0)]
    [InlineData("Enterprise", null, 80.0, 30.0)]
    [InlineData(null, null, 50.0, 0.0)]
    public void Score_ASegmentOrStageShift_MovesTheScore_AndIsReported(string? segment, string? stage, double expected, double shift)
    {
        var result = ScoringEngine.Score(HealthModelLoader.Load(Model), new AccountProfile("a", segment, stage), Latest(("usage", 40), ("home", 1)), AsOf);

        Assert.Equal(expected, result.Score);
        Assert.Equal(shift, result.Shift);
        Assert.Equal(50.0, result.Metrics.Sum(m => m.Contribution), 3);
    }

    [Fact]
    public void Score_AShiftPastTheScale_IsKeptWithin0And100()
    {
        var result = ScoringEngine.Score(HealthModelLoader.Load(Model), new AccountProfile("a", "Enterprise"), Latest(("usage", 90), ("home", 1)), AsOf);

        Assert.Equal(100, result.Score);
        Assert.Equal(HealthTier.Green, result.Tier);
    }
}
