namespace HealthScoring;

/// <summary>A metric whose contribution to the score moved.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="ContributionDelta">Current minus previous contribution, in score points (a metric absent on one side counts 0 there).</param>
public sealed record Driver(string Metric, double ContributionDelta);
