namespace HealthScoring.Calibration;

/// <summary>One weight before and after calibration, with the evidence.</summary>
/// <param name="Name">Component path, or "component.metric".</param>
/// <param name="Current">The weight in the current model.</param>
/// <param name="Effect">
/// How far churn log-odds move between the best and the worst value of the metric (or, for a component, of all its
/// metrics added up) in the fit; 0 when it was not fitted. A metric's proposed weight is proportional to it.
/// </param>
/// <param name="Proposed">The proposed weight, relative to its siblings' proposed weights.</param>
/// <param name="Note">Why the weight is what it is.</param>
public sealed record WeightProposal(string Name, double Current, double Effect, double Proposed, string Note);
