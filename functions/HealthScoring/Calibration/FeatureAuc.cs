namespace HealthScoring.Calibration;

/// <summary>How well one component or metric on its own separates churned from retained accounts.</summary>
/// <param name="Name">Component or metric name.</param>
/// <param name="Kind">"component" or "metric".</param>
/// <param name="WithData">Outcomes where it had a value at the cut-off.</param>
/// <param name="ChurnedWithData">Of which churned.</param>
/// <param name="Auc">Probability that a churned account had the lower (less healthy) value than a retained one; null without both classes.</param>
/// <param name="Direction">"agrees" (AUC ≥ 0.55), "inverted" (≤ 0.45: higher values went with more churn), "weak", or "no data".</param>
public sealed record FeatureAuc(string Name, string Kind, int WithData, int ChurnedWithData, double? Auc, string Direction);
