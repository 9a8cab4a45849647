namespace HealthScoring.Calibration;

/// <summary>One renewal outcome of one account.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Date">The renewal (or churn) date.</param>
/// <param name="Kind">What happened.</param>
/// <param name="ArrBefore">Annual recurring revenue before, if known.</param>
/// <param name="ArrAfter">Annual recurring revenue after, if known.</param>
public sealed record RenewalOutcome(string AccountId, DateOnly Date, OutcomeKind Kind, double? ArrBefore = null, double? ArrAfter = null)
{
    /// <summary>True for the positive class of every metric here: the account churned.</summary>
    public bool IsChurn => Kind == OutcomeKind.Churned;
}
