using System.Text.Json.Serialization;

namespace HealthScoring.Calibration;

/// <summary>A proposed model and the evidence for it: the changes in words, the fit, and both models backtested on the later outcomes.</summary>
/// <param name="CurrentVersion">The model calibrated from.</param>
/// <param name="ProposedVersion">The proposed model's version.</param>
/// <param name="LeadDays">Lead time of the values fitted and tested.</param>
/// <param name="TrainOutcomes">Outcomes fitted (the earlier ones).</param>
/// <param name="TestOutcomes">Outcomes tested (the later ones).</param>
/// <param name="FirstTestDate">The earliest test outcome date; every training outcome is before it.</param>
/// <param name="ExcludedNoScore">Outcomes whose account had no signal in any metric's window at the cut-off, left out of both.</param>
/// <param name="Changes">Every change to the model, in words.</param>
/// <param name="Components">Component weights, current and proposed.</param>
/// <param name="Metrics">Metric weights within their components, current and proposed.</param>
/// <param name="Tiers">The proposed tier boundaries and their churn rates on the training outcomes.</param>
/// <param name="Fit">The regression and how faithfully the proposed model reproduces it.</param>
/// <param name="Diagnostics">Per-metric AUCs on the training outcomes, and apart on the test outcomes.</param>
/// <param name="Current">The current model scored as of each test outcome's cut-off.</param>
/// <param name="Proposed">The proposed model scored on the same test outcomes from the same buckets.</param>
/// <param name="ProposedJson">The proposed model's JSON (not serialized with the result).</param>
/// <remarks>Serialized with <c>flippedMetrics</c>, <c>concerns</c> and <c>recommended</c> (docs/calibration.md).</remarks>
public sealed record CalibrationResult(
    string CurrentVersion,
    string ProposedVersion,
    int LeadDays,
    int TrainOutcomes,
    int TestOutcomes,
    DateOnly? FirstTestDate,
    int ExcludedNoScore,
    IReadOnlyList<ModelChange> Changes,
    IReadOnlyList<WeightProposal> Components,
    IReadOnlyList<WeightProposal> Metrics,
    TierProposal Tiers,
    FitSummary Fit,
    CalibrationDiagnostics Diagnostics,
    LeadTimeReport Current,
    LeadTimeReport Proposed,
    [property: JsonIgnore] string ProposedJson)
{
    /// <summary>Metrics the proposal scores the other way round from the current model (named in <see cref="Concerns"/>).</summary>
    public IReadOnlyList<string> FlippedMetrics => ProposalReview.FlippedMetrics(Changes);

    /// <summary>Why activating the proposal needs a second thought (a flipped metric, a worse backtest on the test outcomes), in words.</summary>
    public IReadOnlyList<ModelConcern> Concerns => ProposalReview.Concerns(this);

    /// <summary>False when there are <see cref="Concerns"/>: "not recommended" (activating it needs <c>force</c> and a reason).</summary>
    public bool Recommended => Concerns.Count == 0;
}
