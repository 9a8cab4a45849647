using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

public sealed class FittingTests
{
    [Fact]
    public void LogisticRegression_RecoversSignsAndOrder_AndPredictsOnTheOriginalScale()
    {
        var random = new Random(2);
        var x = new List<IReadOnlyList<double>>();
        var y = new List<bool>();
        for (var i = 0; i < 3000; i++)
        {
            double u = random.NextDouble() * 100, v = random.NextDouble() * 100;
            var z = 1 - (0.05 * u) + (0.02 * v);
            x.Add([u, v]);
            y.Add(random.NextDouble() < 1 / (1 + Math.Exp(-z)));
        }

        var fit = LogisticRegression.Fit(x, y, lambda: 0.01);

        Assert.True(fit.Converged);
        Assert.InRange(fit.Coefficients[0], -0.065, -0.035);
        Assert.InRange(fit.Coefficients[1], 0.01, 0.03);
        Assert.InRange(fit.Predict([0, 100]), 0.8, 1.0);
    }

    [Fact]
    public void LogisticRegression_AStrongerPenalty_ShrinksTowardZero()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 200).Select(_ => (IReadOnlyList<double>)[random.NextDouble() * 100]).ToList();
        var y = x.Select(r => random.NextDouble() < (r[0] < 40 ? 0.6 : 0.1)).ToList();

        var mild = LogisticRegression.Fit(x, y, 0.1);
        var strong = LogisticRegression.Fit(x, y, 500);

        Assert.True(Math.Abs(strong.Coefficients[0]) < Math.Abs(mild.Coefficients[0]));
        Assert.True(mild.Coefficients[0] < 0);
    }

    [Fact]
    public void LogisticRegression_AConstantOrMissingFeature_GetsZero()
    {
        var x = Enumerable.Range(0, 50).Select(i => (IReadOnlyList<double>)[i, 5, double.NaN]).ToList();
        var y = Enumerable.Range(0, 50).Select(i => i < 20).ToList();

        var fit = LogisticRegression.Fit(x, y);

        Assert.Equal(0, fit.Coefficients[1]);
        Assert.Equal(0, fit.Coefficients[2]);
        Assert.True(fit.Coefficients[0] < 0);
    }

    [Fact]
    public void LogisticRegression_AnIndicatorColumn_IsPenalisedOnItsOwnScale_SoARareLevelStaysModest()
    {
        // A level seen in 4 rows, all churned: unpenalised it would run off to infinity.
        var x = Enumerable.Range(0, 400).Select(i => (IReadOnlyList<double>)[i < 4 ? 1 : 0]).ToList();
        var y = Enumerable.Range(0, 400).Select(i => i < 4 || i % 5 == 0).ToList();

        var standardised = LogisticRegression.Fit(x, y, 1.0);
        var ownScale = LogisticRegression.Fit(x, y, 1.0, indicators: [true]);

        Assert.True(ownScale.Coefficients[0] > 0);
        Assert.True(ownScale.Coefficients[0] < standardised.Coefficients[0], $"{ownScale.Coefficients[0]} vs {standardised.Coefficients[0]}");
        Assert.InRange(ownScale.Coefficients[0], 0.5, 3);
    }

    [Fact]
    public void LogisticFit_LogOdds_IsTheLinearPredictor_AndPredictItsLogistic()
    {
        var fit = new LogisticFit(-1, [0.5, -2], [0, 0], [4, 1], 1, true);

        Assert.Equal(-1 + (0.5 * 2) - (2 * 1), fit.LogOdds([2, double.NaN]), 12);
        Assert.Equal(1 / (1 + Math.Exp(2)), fit.Predict([2, 1]), 12);
    }

    [Fact]
    public void TimeSplit_PutsEveryTrainingDateBeforeEveryTestDate_AndKeepsOrder()
    {
        var start = new DateOnly(2026, 1, 1);
        var items = new[] { 5, 1, 3, 3, 3, 9, 2, 7, 3, 8 }.Select(d => start.AddDays(d)).ToList();

        var (train, test, first) = TimeSplit.Split(items, d => d, 0.5);

        Assert.Equal(items.Count, train.Count + test.Count);
        Assert.True(train.Max() < test.Min());
        Assert.Equal(test.Min(), first);
        Assert.Equal(train.Order(), train);
    }

    [Fact]
    public void ProposedModel_AppliesEveryEdit_AndVersionsTheResult()
    {
        var edits = new ModelEdits(
            new Dictionary<string, GroupEdit> { ["g0"] = new(70), ["g1"] = new(30, GroupAggregation.Min) },
            new Dictionary<string, MetricEdit>
            {
                ["a"] = new(80, new LinearNormalizer(90, 10), 12.5),
                ["c"] = new(40, new CategoricalNormalizer([new Level(1, 100, "owner"), new Level(2, 0)], 50)),
            },
            new Dictionary<string, double> { ["SMB"] = -4.5 },
            new Dictionary<string, double>(),
            new TierPolicy(41.3, 58, 3));

        var (version, json) = ProposedModel.Build(SyntheticPortfolio.ModelJson, edits, new DateOnly(2026, 11, 23), "test");
        var again = ProposedModel.Build(json, new ModelEdits(new Dictionary<string, GroupEdit> { ["g0"] = new(60) }, new Dictionary<string, MetricEdit>()), new DateOnly(2026, 11, 24), "test");

        var model = HealthModelLoader.Load(json);
        Assert.Equal(version, model.Version);
        Assert.Matches("^synthetic-1-cal-20261123-[0-9a-f]{4}$", version);
        Assert.Equal(70, model.Components[0].Weight);
        var a = model.Components[0].Metrics[0];
        Assert.Equal((80.0, new LinearNormalizer(90, 10), 12.5), (a.Weight, (LinearNormalizer)a.Normalizer, a.MissingScore));
        Assert.Equal(50, model.Components[0].Metrics[1].Weight);
        Assert.Equal(GroupAggregation.Min, model.Components[1].Aggregation);
        var c = Assert.IsType<CategoricalNormalizer>(model.Components[1].Metrics[0].Normalizer);
        Assert.Equal((100.0, "owner", 50.0), (c.Levels[0].Score, c.Levels[0].Label, c.Otherwise));
        Assert.Equal(-4.5, model.Segments["SMB"].Shift);
        Assert.Empty(model.LifecycleStages);
        Assert.Equal(new TierPolicy(41.3, 58, 3), model.Tiers);
        Assert.Matches("^synthetic-1-cal-20261124-[0-9a-f]{4}$", again.Version);
    }
}
