namespace HealthScoring.Calibration;

/// <summary>Tier boundaries proposed from the training outcomes, and what they did there.</summary>
/// <param name="Policy">The boundaries and hysteresis.</param>
/// <param name="BaseRate">Churn rate of the training outcomes.</param>
/// <param name="Training">Churn per tier on the training outcomes (plain boundaries, no hysteresis).</param>
/// <param name="Explanation">The boundaries and their evidence in words.</param>
public sealed record TierProposal(TierPolicy Policy, double BaseRate, IReadOnlyList<TierChurn> Training, string Explanation);
