using HealthScoring.Tests.Support;
using static HealthScoring.Tests.Support.Histories;

namespace HealthScoring.Tests.Engine;

public sealed class ScoringEngineModelShapesTests
{
    private const string Percent = """ "aggregation": "latest", "normalizer": { "type": "percent" } """;

    [Fact]
    public void Score_SegmentWithItsOwnComponents_UsesThatModel()
    {
        var model = HealthModelLoader.Load($$"""
            { "version": "s", "minimumCoverage": 0,
              "components": [ { "name": "usage", "metrics": [ { "name": "a", {{Percent}} } ] } ],
              "segments": { "Startup": {
                  "components": [ { "name": "growth", "metrics": [ { "name": "b", {{Percent}} }, { "name": "a", "weight": 3, {{Percent}} } ] } ],
                  "weights": { "b": 1 } } } }
            """);
        var history = Latest(("a", 40), ("b", 80));

        var startup = ScoringEngine.Score(model, Account("startup"), history, AsOf);
        var other = ScoringEngine.Score(model, Account("SMB"), history, AsOf);

        Assert.Equal(("Startup", 50.0, "growth"), (startup.Segment, startup.Score!.Value, startup.Components[0].Name));
        Assert.Equal(((string?)null, 40.0), (other.Segment, other.Score!.Value));
    }

    [Theory]
    [InlineData("missing", null, 100.0)]
    [InlineData("zero", 0.0, 50.0)]
    public void Score_EmptyWindow_IsMissingOrZeroAsConfigured(string whenEmpty, double? raw, double expected)
    {
        var model = HealthModelLoader.Load($$"""
            { "version": "e", "minimumCoverage": 0, "components": [ { "name": "c", "metrics": [
                { "name": "quality", {{Percent}} },
                { "name": "incidents", "window": 7, "aggregation": "sum", "whenEmpty": "{{whenEmpty}}",
                  "normalizer": { "type": "linear", "from": 0, "to": 10 } } ] } ] }
            """);
        var history = new SignalHistory(new Dictionary<string, DailyBucket[]>
        {
            ["quality"] = [DailyBucket.Of(AsOf, 100)],
            ["incidents"] = [DailyBucket.Of(AsOf.AddDays(-7), 4)],   // one day before the 7-day window
        });

        var result = ScoringEngine.Score(model, Account(), history, AsOf);

        Assert.Equal(raw, result.Metrics[1].Raw);
        Assert.Equal(expected, result.Score);
    }

    [Fact]
    public void Score_TrendMetric_ScoresTheChangeAgainstThePrecedingWindow()
    {
        var model = HealthModelLoader.Load("""
            { "version": "t", "minimumCoverage": 0, "components": [ { "name": "c", "metrics": [
                { "name": "usage_trend", "signal": "logins", "window": 2, "aggregation": "trend",
                  "normalizer": { "type": "linear", "from": -50, "to": 50 } } ] } ] }
            """);

        // previous window mean (10 + 10) / 2 = 10, current (8 + 6) / 2 = 7: −30 % → 20
        var result = ScoringEngine.Score(model, Account(), Daily(("logins", [10, 10, 8, 6])), AsOf);

        Assert.Equal((-30.0, 20.0), (result.Metrics[0].Raw!.Value, result.Score!.Value));
    }

    [Fact]
    public void Score_StageWeightOnANestedMetric_ChangesOnlyThatMetric()
    {
        var model = HealthModelLoader.Load($$"""
            { "version": "n", "minimumCoverage": 0, "components": [ { "name": "outcomes", "components": [
                { "name": "plan", "metrics": [ { "name": "a", {{Percent}} }, { "name": "b", {{Percent}} } ] } ] } ],
              "lifecycleStages": { "onboarding": { "weights": { "outcomes.plan.a": 3 } } } }
            """);
        var history = Latest(("a", 100), ("b", 0));

        Assert.Equal(50, ScoringEngine.Score(model, Account(), history, AsOf).Score);
        Assert.Equal(75, ScoringEngine.Score(model, Account(stage: "ONBOARDING"), history, AsOf).Score);
    }
}
