using HealthScoring.Tests.Support;
using static HealthScoring.Tests.Support.Histories;

namespace HealthScoring.Tests.Engine;

/// <summary>The display scale: a strictly increasing map from the weighted score to the score shown, validated on load.</summary>
public sealed class DisplayScaleTests
{
    private const string Model = """
        { "version": "d", "minimumCoverage": 0, "tiers": { "yellowFrom": 30, "greenFrom": 70, "hysteresis": 0 },
          "components": [ { "name": "c", "metrics": [
            { "name": "usage", "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 } } ] } ],
          "segments": { "SMB": { "shift": -4 } },
          "displayScale": [ { "weighted": 0, "shown": 0 }, { "weighted": 40, "shown": 5 }, { "weighted": 60, "shown": 95 }, { "weighted": 100, "shown": 100 } ] }
        """;

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(20, 2.5)]
    [InlineData(40, 5.0)]
    [InlineData(50, 50.0)]
    [InlineData(55, 72.5)]
    [InlineData(60, 95.0)]
    [InlineData(80, 97.5)]
    [InlineData(100, 100.0)]
    public void Score_IsTheWeightedScoreShownOnTheScale(double usage, double shown)
    {
        var result = ScoringEngine.Score(HealthModelLoader.Load(Model), Account(), Latest(("usage", usage)), AsOf);

        Assert.Equal(shown, result.Score);
        Assert.Equal(shown, result.ComputedScore);
        Assert.Equal(usage, result.WeightedScore);
        Assert.Equal(usage, result.Metrics.Sum(m => m.Contribution), 3);
    }

    [Fact]
    public void Tiers_AndShifts_WorkOnTheirScales()
    {
        var model = HealthModelLoader.Load(Model);

        var smb = ScoringEngine.Score(model, new AccountProfile("a", "SMB", null), Latest(("usage", 54)), AsOf);
        var none = ScoringEngine.Score(model, Account(), Latest(("usage", 54)), AsOf);

        Assert.Equal(50.0, smb.WeightedScore); // the shift moves the weighted score
        Assert.Equal(50.0, smb.Score);        // which is then shown
        Assert.Equal(HealthTier.Yellow, smb.Tier);
        Assert.Equal(HealthTier.Yellow, none.Tier);
        Assert.Equal((54.0, 68.0), (none.WeightedScore!.Value, none.Score!.Value));
        Assert.Equal(HealthTier.Green, ScoringEngine.Score(model, Account(), Latest(("usage", 55)), AsOf).Tier);
    }

    [Fact]
    public void AModelWithoutAScale_ReportsNoWeightedScore_AndScoresAsBefore()
    {
        var plain = HealthModelLoader.Load(Model.Replace("\"displayScale\"", "\"comment\"", StringComparison.Ordinal));

        var result = ScoringEngine.Score(plain, Account(), Latest(("usage", 55)), AsOf);

        Assert.Null(plain.DisplayScale);
        Assert.Equal(55, result.Score);
        Assert.Null(result.WeightedScore);
    }

    [Theory]
    [InlineData("""[ { "weighted": 0, "shown": 0 }, { "weighted": 50, "shown": 60 }, { "weighted": 40, "shown": 70 }, { "weighted": 100, "shown": 100 } ]""",
        "displayScale[2].weighted", "greater than the previous point's (50)")]
    [InlineData("""[ { "weighted": 0, "shown": 0 }, { "weighted": 50, "shown": 60 }, { "weighted": 70, "shown": 60 }, { "weighted": 100, "shown": 100 } ]""",
        "displayScale[2].shown", "greater than the previous point's (60)")]
    [InlineData("""[ { "weighted": 10, "shown": 0 }, { "weighted": 100, "shown": 100 } ]""", "displayScale[0]", "\"weighted\": 0")]
    [InlineData("""[ { "weighted": 0, "shown": 0 }, { "weighted": 90, "shown": 100 } ]""", "displayScale[1]", "\"weighted\": 100")]
    [InlineData("""[ { "weighted": 0, "shown": 0 } ]""", "displayScale", "at least two points")]
    [InlineData("""[ { "weighted": 0, "shown": 0 }, { "weighted": 100, "shown": 120 } ]""", "displayScale[1].shown", "out of range")]
    [InlineData("""[ { "weighted": 0, "shown": 0 }, { "weighted": 100, "shown": 100, "scale": 2 } ]""", "displayScale[1].scale", "")]
    [InlineData("""{ "weighted": 0 }""", "displayScale", "expected an array")]
    public void Load_RefusesAScaleThatIsNotStrictlyIncreasingFromZeroToHundred(string scale, string path, string message)
    {
        var json = Model[..Model.IndexOf("\"displayScale\"", StringComparison.Ordinal)] + "\"displayScale\": " + scale + " }";

        var e = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Contains(e.Errors, x => x.Path == path && x.Message.Contains(message, StringComparison.Ordinal));
    }
}
