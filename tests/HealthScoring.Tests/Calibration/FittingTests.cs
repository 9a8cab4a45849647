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
    public void WeightMapper_KeepsTheScale_ZeroesInvertedOnes_AndRanksByEffect()
    {
        var proposals = WeightMapper.Map(["a", "b", "c"], [40, 35, 25], [-0.03, -0.01, 0.02]);

        Assert.Equal(100, proposals.Sum(p => p.Proposed), 1);
        Assert.Equal(75, proposals[0].Proposed);
        Assert.Equal(25, proposals[1].Proposed);
        Assert.Equal(0, proposals[2].Proposed);
        Assert.Contains("inverted", proposals[2].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightMapper_WhenNothingPredictsRenewal_KeepsTheCurrentWeights()
    {
        var proposals = WeightMapper.Map(["a", "b"], [60, 40], [0.01, 0.0]);

        Assert.Equal([60.0, 40.0], proposals.Select(p => p.Proposed));
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
    public void ProposedModel_SetsWeightsAndVersion_AndStaysValid()
    {
        var (version, json) = ProposedModel.Build(SyntheticPortfolio.ModelJson,
            new Dictionary<string, double> { ["g0"] = 70, ["g1"] = 30 },
            new Dictionary<string, double> { ["a"] = 80, ["b"] = 20 }, new DateOnly(2026, 11, 23), "test");
        var again = ProposedModel.Build(json, new Dictionary<string, double> { ["g0"] = 60 }, new Dictionary<string, double>(), new DateOnly(2026, 11, 24), "test");

        var model = HealthModelLoader.Load(json);
        Assert.Equal(version, model.Version);
        Assert.Matches("^synthetic-1-cal-20261123-[0-9a-f]{4}$", version);
        Assert.Equal(70, model.Components[0].Weight);
        Assert.Equal(80, model.Components[0].Metrics[0].Weight);
        Assert.Equal(50, model.Components[1].Metrics[0].Weight);
        Assert.Matches("^synthetic-1-cal-20261124-[0-9a-f]{4}$", again.Version);
    }
}
