namespace HealthScoring.Calibration;

/// <summary>Churn among the accounts that were in one tier at the cut-off.</summary>
/// <param name="Tier">Red, Yellow, Green, or None.</param>
/// <param name="Accounts">Outcomes in the tier.</param>
/// <param name="Churned">Of which churned.</param>
/// <param name="ChurnRate">Churned / Accounts, or null when the tier is empty.</param>
public sealed record TierChurn(string Tier, int Accounts, int Churned, double? ChurnRate);
