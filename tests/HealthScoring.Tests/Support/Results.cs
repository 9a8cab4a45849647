namespace HealthScoring.Tests.Support;

/// <summary>Hand-made results for transition and playbook tests.</summary>
internal static class Results
{
    public static HealthResult Make(DateOnly day, double? score, HealthTier? tier, params (string Metric, double Contribution)[] metrics) =>
        new(
            "acct-1", "test-1", null, null, day, score, tier, score, 1, [], null, null, [],
            metrics.Select(m => new MetricResult(m.Metric, "main", m.Metric, 1, 1, MetricSource.Signal, 1, 0.1, m.Contribution, false)).ToArray());
}
