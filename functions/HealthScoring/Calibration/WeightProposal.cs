namespace HealthScoring.Calibration;

/// <summary>One weight before and after calibration, with the evidence.</summary>
/// <param name="Name">Component name, or "component.metric".</param>
/// <param name="Current">The weight in the current model.</param>
/// <param name="Coefficient">Fitted change in churn log-odds per point (0-100 scale); negative means healthier values churned less.</param>
/// <param name="Proposed">The proposed weight, on the same scale as the current weights of its siblings.</param>
/// <param name="Note">Why the weight is what it is.</param>
public sealed record WeightProposal(string Name, double Current, double Coefficient, double Proposed, string Note);
