using HealthScoring.Tests.Support;

namespace HealthScoring.Tests.Normalization;

public sealed class PopulationSamplerTests
{
    private static readonly HealthModel Model = HealthModelLoader.Load("""
        { "version": "pct-1", "minimumCoverage": 0,
          "components": [ { "name": "main", "metrics": [
            { "name": "usage", "weight": 1, "aggregation": "latest", "normalizer": { "type": "percentile" } },
            { "name": "nps", "weight": 1, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 10 } } ] } ],
          "segments": { "SMB": { "weights": {} } } }
        """);

    private static HealthResult Score(string id, string? segment, double usage) =>
        ScoringEngine.Score(Model, new AccountProfile(id, segment, null), Histories.Latest(("usage", usage), ("nps", 5)), Histories.AsOf);

    [Fact]
    public void Sample_IsTheSameWhateverOrderTheAccountsArriveIn()
    {
        var results = Enumerable.Range(0, 5000).Select(i => Score($"a{i}", "SMB", i % 97)).ToList();
        var forward = new PopulationSampler(capacity: 300);
        var backward = new PopulationSampler(capacity: 300);

        results.ForEach(forward.Add);
        Enumerable.Reverse(results).ToList().ForEach(backward.Add);

        Assert.Equal(forward.Values()["SMB"]["usage"], backward.Values()["SMB"]["usage"]);
        Assert.Equal(300, forward.Values()["SMB"]["usage"].Length);
        Assert.Equal(5000, forward.Accounts);
    }

    [Fact]
    public void Sample_KeepsEachSegmentApart_AndItsPercentilesCloseToTheWholeSegments()
    {
        var sampler = new PopulationSampler(capacity: 2048);
        for (var i = 0; i < 20_000; i++)
        {
            sampler.Add(Score($"a{i}", i % 2 == 0 ? "SMB" : null, i % 2 == 0 ? i % 1000 : 5000 + (i % 1000)));
        }

        var populations = PopulationSampler.Populations(sampler.Values());
        var smb = populations["smb"].Get("usage")!; // segments match case-insensitively, as in the model
        var baseline = populations[PopulationSampler.BaseSegment].Get("usage")!;

        Assert.InRange(smb.PercentileRank(500), 47, 53); // uniform 0-999: the whole segment's rank is 50
        Assert.InRange(smb.Median, 450, 550);
        Assert.InRange(baseline.Median, 5450, 5550);
        Assert.Equal(2048, smb.Count);
    }

    [Fact]
    public void Sample_TakesOnlyValuesTheAccountSent()
    {
        var sampler = new PopulationSampler();
        var noUsage = ScoringEngine.Score(Model, new AccountProfile("x", null, null), Histories.Latest(("nps", 5)), Histories.AsOf);

        sampler.Add(noUsage);

        Assert.False(sampler.Values()[PopulationSampler.BaseSegment].ContainsKey("usage"));
        Assert.Single(sampler.Values()[PopulationSampler.BaseSegment]["nps"]);
    }

    [Fact]
    public void IsNeededBy_PercentileNormalizersAndMedianFill_NotTheDefaultModel()
    {
        Assert.True(PopulationSampler.IsNeededBy(Model));
        Assert.True(PopulationSampler.IsNeededBy(TestModels.Flat(("a", 1)) is var _ ? HealthModelLoader.Load(TestModels.FlatJson([("a", 1)], missingData: "segmentMedian")) : null!));
        Assert.False(PopulationSampler.IsNeededBy(DefaultModels.Default));
    }
}
