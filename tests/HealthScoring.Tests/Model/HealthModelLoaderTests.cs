using HealthScoring.Tests.Support;

namespace HealthScoring.Tests.Model;

public sealed class HealthModelLoaderTests
{
    private const string Metric = """{ "name": "m", "aggregation": "latest", "normalizer": { "type": "percent" } }""";

    [Fact]
    public void Load_MinimalModel_AppliesDocumentedDefaults()
    {
        var model = HealthModelLoader.Load($$"""{ "version": "v1", "components": [ { "name": "c", "metrics": [ {{Metric}} ] } ] }""");

        Assert.Equal("v1", model.Version);
        Assert.Equal(MissingDataPolicy.Reweight, model.MissingData);
        Assert.Equal(0.5, model.MinimumCoverage);
        Assert.Equal(TierPolicy.Default, model.Tiers);
        Assert.Equal(TransitionPolicy.Default, model.Transitions);
        Assert.Same(PlaybookRules.Default, model.Playbooks);
        var metric = Assert.Single(model.Components[0].Metrics);
        Assert.Equal(("m", 1.0, 30, Direction.HigherIsBetter, EmptyWindow.Missing), (metric.Signal, metric.Weight, metric.WindowDays, metric.Direction, metric.WhenEmpty));
    }

    [Fact]
    public void Load_WithManyProblems_ListsEveryOneWithItsPath()
    {
        const string json = """
            {
              "version": "",
              "minimumCoverage": 2,
              "tiers": { "yellowFrom": 60, "greenFrom": 80, "hysteresis": 15 },
              "colour": "blue",
              "components": [
                { "name": "a", "weight": 40, "metrics": [ { "name": "x", "aggregation": "latest", "normalizer": { "type": "percent" } } ] },
                { "name": "b", "weight": 60, "metrics": [
                    { "name": "y", "weight": -1, "aggregation": "median", "normalizer": { "type": "linear", "from": 5, "to": 5 } },
                    { "name": "x", "aggregation": "sum" },
                    { "name": "z", "window": 0, "aggregation": "sum", "normalizer": { "type": "bands", "bands": [ { "upTo": 5, "score": 100 }, { "upTo": 3, "score": 50 }, { "upTo": 9, "score": 120 } ] } }
                ] }
              ],
              "segments": { "SMB": { "weights": { "adoptoin": 10 } } }
            }
            """;

        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        var paths = ex.Errors.Select(e => e.Path).ToList();
        Assert.Contains("version", paths);
        Assert.Contains("minimumCoverage", paths);
        Assert.Contains("tiers.hysteresis", paths);
        Assert.Contains("colour", paths);
        Assert.Contains("components[1].metrics[0].weight", paths);
        Assert.Contains("components[1].metrics[0].aggregation", paths);
        Assert.Contains("components[1].metrics[0].normalizer.to", paths);
        Assert.Contains("components[1].metrics[1].normalizer", paths);
        Assert.Contains("components[1].metrics[2].window", paths);
        Assert.Contains("components[1].metrics[2].normalizer.bands[1].upTo", paths);
        Assert.Contains("components[1].metrics[2].normalizer.bands[2].upTo", paths);
        Assert.Contains("components[1].metrics[2].normalizer.bands[2].score", paths);
        Assert.Contains("segments.SMB.weights.adoptoin", paths);
        Assert.True(ex.Errors.Count >= 13, string.Join("\n", ex.Errors));
        Assert.Contains("components[1].metrics[0].weight", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "m", "aggregation": "latest", "normalizer": { "type": "percent" }, "wieght": 2 }""", "components[0].metrics[0].wieght", "unknown property")]
    [InlineData("""{ "name": "m", "aggregation": "latest", "normalizer": { "type": "sigmoid" } }""", "components[0].metrics[0].normalizer.type", "'sigmoid' is not one of")]
    [InlineData("""{ "name": "m", "aggregation": "latest" }""", "components[0].metrics[0].normalizer", "is required")]
    [InlineData("""{ "name": "m.n", "aggregation": "latest", "normalizer": { "type": "percent" } }""", "components[0].metrics[0].name", "may only hold")]
    [InlineData("""{ "name": "m", "aggregation": "latest", "direction": "up", "normalizer": { "type": "percent" } }""", "components[0].metrics[0].direction", "higherIsBetter, lowerIsBetter")]
    [InlineData("""{ "name": "m", "aggregation": "latest", "weight": "1", "normalizer": { "type": "percent" } }""", "components[0].metrics[0].weight", "expected a finite number")]
    [InlineData("""{ "name": "m", "aggregation": "latest", "normalizer": { "type": "clamped", "min": 50, "max": 50 } }""", "components[0].metrics[0].normalizer.max", "greater than min")]
    [InlineData("""{ "name": "m", "aggregation": "latest", "normalizer": { "type": "inverted", "best": 3 } }""", "components[0].metrics[0].normalizer.worst", "is required")]
    [InlineData("""{ "name": "m", "aggregation": "latest", "normalizer": { "type": "bands", "bands": [] } }""", "components[0].metrics[0].normalizer.bands", "at least one band")]
    [InlineData("""{ "name": "m", "aggregation": "latest", "normalizer": { "type": "bands", "bands": [ { "upTo": 1, "score": 100 } ] } }""", "components[0].metrics[0].normalizer.bands[0].upTo", "open-ended")]
    [InlineData("""{ "name": "m", "aggregation": "latest", "weight": 0, "normalizer": { "type": "percent" } }""", "components", "no child with a positive weight")]
    [InlineData("""{ "name": "m", "label": "", "aggregation": "latest", "normalizer": { "type": "percent" } }""", "components[0].metrics[0].label", "non-empty string")]
    [InlineData("""{ "name": "m", "label": "<b>Logins</b>", "aggregation": "latest", "normalizer": { "type": "percent" } }""", "components[0].metrics[0].label", "plain text")]
    [InlineData("""{ "name": "m", "label": "A label far longer than anybody would ever want in a column heading", "aggregation": "latest", "normalizer": { "type": "percent" } }""", "components[0].metrics[0].label", "1 to 60 characters")]
    [InlineData("""{ "name": "m", "unit": 5, "aggregation": "latest", "normalizer": { "type": "percent" } }""", "components[0].metrics[0].unit", "non-empty string")]
    [InlineData("""{ "name": "m", "unit": "hours of the day, rounded", "aggregation": "latest", "normalizer": { "type": "percent" } }""", "components[0].metrics[0].unit", "1 to 20 characters")]
    public void Load_WithOneBadMetric_NamesThePathAndTheProblem(string metric, string path, string message)
    {
        var json = $$"""{ "version": "v1", "components": [ { "name": "c", "metrics": [ {{metric}} ] } ] }""";

        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Contains(ex.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json", "$", "not valid JSON")]
    [InlineData("[]", "$", "expected an object")]
    [InlineData("""{ "version": "v" }""", "components", "is required")]
    [InlineData("""{ "version": "v", "components": [] }""", "components", "at least one component")]
    [InlineData("""{ "version": "v", "components": [ { "name": "c" } ] }""", "components[0]", "at least one metric")]
    public void Load_WithBrokenDocument_ReportsWhere(string json, string path, string message)
    {
        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Contains(ex.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_LabelsAndUnits_AreShownInsteadOfIds_WhereGiven()
    {
        const string json = """
            { "version": "v1", "components": [
              { "name": "adoption", "label": "Adoption", "metrics": [
                { "name": "active_users_pct", "label": "Active users", "unit": "%", "aggregation": "latest", "normalizer": { "type": "percent" } },
                { "name": "resolution_hours", "label": "Resolution time", "unit": "hours", "aggregation": "mean", "normalizer": { "type": "inverted", "best": 4, "worst": 72 } },
                { "name": "nps", "unit": "0-10", "aggregation": "mean", "normalizer": { "type": "linear", "from": 0, "to": 10 } },
                { "name": "logins", "aggregation": "sum", "normalizer": { "type": "linear", "from": 0, "to": 200 } } ] } ] }
            """;

        var labels = HealthModelLoader.Load(json).Labels;

        Assert.Equal("Active users (%)", labels.MetricWithUnit("active_users_pct"));
        Assert.Equal("42%", labels.Value("active_users_pct", 42));
        Assert.Equal("12.5 hours", labels.Value("resolution_hours", 12.5));
        Assert.Equal("nps (0-10)", labels.MetricWithUnit("nps")); // no label: the id; a scale is shown in the heading only
        Assert.Equal("7", labels.Value("nps", 7));
        Assert.Equal("logins", labels.MetricWithUnit("logins"));
        Assert.Equal("Adoption", labels.Component("adoption"));
        Assert.Equal("unknown_metric", labels.Metric("unknown_metric"));
    }

    [Fact]
    public void Load_DuplicateNames_AreReportedAtTheSecondOccurrence()
    {
        var json = $$"""
            { "version": "v", "components": [
                { "name": "c", "metrics": [ {{Metric}} ] },
                { "name": "c", "metrics": [ {{Metric}} ] } ] }
            """;

        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Contains(ex.Errors, e => e.Path == "components[1].name" && e.Message.Contains("duplicate component", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Path == "components[1].metrics[0].name" && e.Message.Contains("first at components[0].metrics[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_StageWeightsLeavingNoPositiveWeight_FailsNamingTheStage()
    {
        var json = $$"""
            { "version": "v", "components": [ { "name": "c", "metrics": [ {{Metric}} ] } ],
              "lifecycleStages": { "onboarding": { "weights": { "c": 0 } } } }
            """;

        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Contains(ex.Errors, e => e.Path == "lifecycleStages.onboarding" && e.Message.Contains("positive weight", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadPlaybook_ListsItsProblems()
    {
        var json = $$"""
            { "version": "v", "components": [ { "name": "c", "metrics": [ {{Metric}} ] } ],
              "playbooks": [ { "name": "p", "when": { "kinds": ["tier-fall"], "tiers": ["Blue"] }, "tasks": [ { "title": "t", "dueInDays": -1 } ] } ] }
            """;

        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Equal(
            ["playbooks[0].when.kinds[0]", "playbooks[0].when.tiers[0]", "playbooks[0].tasks[0].dueInDays"],
            ex.Errors.Select(e => e.Path).ToArray());
    }

    [Theory]
    [InlineData("latest, sum")]
    [InlineData("Sum,Max")]
    [InlineData("1")]
    [InlineData("sum ")]
    public void Load_AggregationThatIsNotExactlyOneName_IsAnError_NotAFlagCombination(string aggregation)
    {
        var json = $$"""{ "version": "v", "components": [ { "name": "c", "metrics": [ { "name": "m", "aggregation": "{{aggregation}}", "normalizer": { "type": "percent" } } ] } ] }""";

        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Equal(["components[0].metrics[0].aggregation"], ex.Errors.Select(e => e.Path).ToArray());
    }

    [Fact]
    public void Load_PlaybookTierList_InOneString_IsAnError()
    {
        var json = $$"""
            { "version": "v", "components": [ { "name": "c", "metrics": [ {{Metric}} ] } ],
              "playbooks": [ { "name": "p", "when": { "tiers": ["Red, Green", "yellow"] }, "tasks": [ { "title": "t", "dueInDays": 1 } ] } ] }
            """;

        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Equal(["playbooks[0].when.tiers[0]"], ex.Errors.Select(e => e.Path).ToArray());
    }

    [Fact]
    public void Load_CalibratedFormat_ChecksLevelsMissingScoresAndShifts()
    {
        const string json = """
            { "version": "v",
              "components": [ { "name": "c", "metrics": [
                { "name": "home", "aggregation": "latest", "missingScore": 120, "normalizer": { "type": "categorical", "levels": [
                    { "value": 1, "score": 80 }, { "value": 1, "score": 20, "label": "" }, { "score": 101 } ], "otherwise": -1, "other": 5 } },
                { "name": "x", "aggregation": "latest", "normalizer": { "type": "categorical", "levels": [] } } ] } ],
              "segments": { "SMB": { "shift": 150 } },
              "lifecycleStages": { "onboarding": { "shift": "up" } } }
            """;

        var ex = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        var paths = ex.Errors.Select(e => e.Path).ToList();
        Assert.Contains("components[0].metrics[0].missingScore", paths);
        Assert.Contains("components[0].metrics[0].normalizer.levels[1].value", paths);
        Assert.Contains("components[0].metrics[0].normalizer.levels[1].label", paths);
        Assert.Contains("components[0].metrics[0].normalizer.levels[2].value", paths);
        Assert.Contains("components[0].metrics[0].normalizer.levels[2].score", paths);
        Assert.Contains("components[0].metrics[0].normalizer.otherwise", paths);
        Assert.Contains("components[0].metrics[0].normalizer.other", paths);
        Assert.Contains("components[0].metrics[1].normalizer.levels", paths);
        Assert.Contains("segments.SMB.shift", paths);
        Assert.Contains("lifecycleStages.onboarding.shift", paths);
        Assert.Contains(ex.Errors, e => e.Message.Contains("duplicate level value 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ModelsWithoutTheCalibratedProperties_HaveNoShiftsOrMissingScores()
    {
        var model = DefaultModels.Default;

        Assert.All(model.Segments.Values, s => Assert.Equal(0, s.Shift));
        Assert.All(model.LifecycleStages.Values, s => Assert.Equal(0, s.Shift));
        Assert.All(model.Components.SelectMany(c => c.Metrics), m => Assert.Null(m.MissingScore));
    }
}
