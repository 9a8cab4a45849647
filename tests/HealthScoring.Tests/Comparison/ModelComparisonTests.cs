namespace HealthScoring.Tests.Comparison;

/// <summary>What a proposal changes, in words a CS lead reads: how much each metric now counts, and which way it now pulls.</summary>
public sealed class ModelComparisonTests
{
    private static HealthModel Model(double loginsWeight, double npsWeight, string ticketsNormalizer) => HealthModelLoader.Load($$"""
        { "version": "v", "components": [
          { "name": "adoption", "label": "Adoption", "weight": 50, "metrics": [
            { "name": "logins", "label": "Logins", "weight": {{loginsWeight}}, "aggregation": "sum", "normalizer": { "type": "linear", "from": 0, "to": 200 } },
            { "name": "active_users_pct", "label": "Active users", "unit": "%", "weight": 50, "aggregation": "latest", "normalizer": { "type": "percent" } } ] },
          { "name": "sentiment", "weight": 50, "metrics": [
            { "name": "nps", "label": "NPS", "weight": {{npsWeight}}, "aggregation": "mean", "normalizer": { "type": "linear", "from": 0, "to": 10 } },
            { "name": "tickets_opened", "label": "Tickets opened", "weight": 50, "aggregation": "sum", "normalizer": {{ticketsNormalizer}} } ] } ] }
        """);

    private const string FewerTicketsBetter = """{ "type": "bands", "bands": [ { "upTo": 2, "score": 100 }, { "upTo": 5, "score": 60 }, { "score": 10 } ] }""";
    private const string MoreTicketsBetter = """{ "type": "bands", "bands": [ { "upTo": 2, "score": 10 }, { "upTo": 5, "score": 60 }, { "score": 100 } ] }""";

    [Fact]
    public void Compare_SaysHowMuchEachMetricNowCounts_AndWhichWayItPulls_LargestFirst()
    {
        var before = Model(25, 50, FewerTicketsBetter); // logins 1/3 of adoption's half: 16.7%
        var after = Model(150, 10, MoreTicketsBetter); // logins 3/4 of it: 37.5%; NPS 10/60 of sentiment's half: 8.3%

        var changes = ModelComparison.Compare(before, after).ToDictionary(c => c.Metric);

        Assert.Equal("Logins now count about twice as much (17% → 38% of the score)", changes["logins"].Text);
        Assert.StartsWith("NPS now counts much less", changes["nps"].Text, StringComparison.Ordinal);
        Assert.Contains("more tickets opened now raises the score (before, it lowered it)", changes["tickets_opened"].Text, StringComparison.Ordinal);
        Assert.Equal((false, true), (changes["tickets_opened"].HigherIsHealthierBefore, changes["tickets_opened"].HigherIsHealthierAfter));
        Assert.Equal("tickets_opened", ModelComparison.Compare(before, after)[0].Metric); // a change of direction first
        Assert.StartsWith("Active users now count much less", changes["active_users_pct"].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ModelComparison.Compare(before, after), c => c.Text.Contains('`', StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_OfAModelWithItself_SaysNothing()
    {
        Assert.Empty(ModelComparison.Compare(DefaultModels.Default, DefaultModels.Default));
    }

    [Theory]
    [InlineData("logins", true)]
    [InlineData("resolution_hours", false)] // inverted: fewer hours is healthier
    [InlineData("tickets_opened", false)] // bands falling with more tickets
    [InlineData("active_users_pct", true)]
    public void HigherIsHealthier_FollowsTheNormalizerAndDirection(string metric, bool expected)
    {
        var definition = DefaultModels.Default.Components.SelectMany(c => c.Metrics).Single(m => m.Name == metric);

        Assert.Equal(expected, ModelComparison.HigherIsHealthier(definition));
    }
}
