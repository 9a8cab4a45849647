namespace HealthScoring;

/// <summary>One metric's change between two models, in words a CS lead reads without the log-odds behind it.</summary>
/// <param name="Metric">The metric id.</param>
/// <param name="Label">What people call it.</param>
/// <param name="ShareBefore">Its share of the score in the first model (0-1, the base weights, every metric with data).</param>
/// <param name="ShareAfter">Its share in the second model.</param>
/// <param name="HigherIsHealthierBefore">Whether a higher value raised the score before (null: no order, as for categories).</param>
/// <param name="HigherIsHealthierAfter">Whether it does now.</param>
/// <param name="Text">"Logins now count about twice as much (12% → 25% of the score)", "More tickets opened now raises the score".</param>
public sealed record PlainChange(
    string Metric,
    string Label,
    double ShareBefore,
    double ShareAfter,
    bool? HigherIsHealthierBefore,
    bool? HigherIsHealthierAfter,
    string Text);
