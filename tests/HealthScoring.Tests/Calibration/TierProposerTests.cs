using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

public sealed class TierProposerTests
{
    [Fact]
    public void Propose_PutsTheRiskyInRed_AndTheSafeInGreen_ByTheChurnRateRule()
    {
        // 100 accounts, base rate 20%: scores 1..100, churn probability falling with the score; the lowest 20 churn 70%.
        var scores = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var probability = scores.Select(s => 0.8 * Math.Exp(-s / 20)).ToArray();
        var churned = scores.Select(s => s <= 20 ? s % 10 < 7 : s <= 50 && s % 5 == 0).ToArray();

        var proposal = TierProposer.Propose(scores, probability, churned, hysteresis: 2);

        var (red, yellow, green) = (proposal.Training[0], proposal.Training[1], proposal.Training[2]);
        var baseRate = churned.Count(c => c) / 100.0;
        Assert.Equal(baseRate, proposal.BaseRate);
        Assert.True(red.ChurnRate >= 2 * baseRate, $"Red {red.ChurnRate}");
        Assert.True(green.ChurnRate <= baseRate / 2, $"Green {green.ChurnRate}");
        Assert.Equal(100, red.Accounts + yellow.Accounts + green.Accounts);
        Assert.True(proposal.Policy.Hysteresis * 2 < proposal.Policy.GreenFrom - proposal.Policy.YellowFrom);
        Assert.Contains("Red below", proposal.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_WhenNoGroupIsSafeEnough_LeavesGreenEmpty_AndTheModelStillLoads()
    {
        // Churn is spread evenly: nobody is at half the base rate.
        var scores = Enumerable.Range(0, 60).Select(i => 40 + (i % 20) / 10.0).ToArray();
        var probability = scores.Select(_ => 0.3).ToArray();
        var churned = Enumerable.Range(0, 60).Select(i => i % 3 == 0).ToArray();

        var proposal = TierProposer.Propose(scores, probability, churned, hysteresis: 2);

        Assert.Equal(0, proposal.Training.Single(t => t.Tier == "Green").Accounts);
        Assert.Equal(0, proposal.Training.Single(t => t.Tier == "Red").Accounts);
        Assert.Contains("none in training", proposal.Explanation, StringComparison.Ordinal);
        var p = proposal.Policy;
        var json = $$"""{ "version": "t", "tiers": { "yellowFrom": {{p.YellowFrom}}, "greenFrom": {{p.GreenFrom}}, "hysteresis": {{p.Hysteresis}} }, "components": [ { "name": "c", "metrics": [ { "name": "m", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ] }""";
        Assert.Equal(p, HealthModelLoader.Load(json).Tiers);
    }
}
