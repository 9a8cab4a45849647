using System.Text.Json.Serialization;

namespace HealthScoring.Calibration;

/// <summary>A proposed model and the evidence for it: the fitted weights and both models backtested on the later outcomes.</summary>
/// <param name="CurrentVersion">The model calibrated from.</param>
/// <param name="ProposedVersion">The proposed model's version.</param>
/// <param name="LeadDays">Lead time of the scores fitted and tested.</param>
/// <param name="TrainOutcomes">Outcomes fitted (the earlier ones).</param>
/// <param name="TestOutcomes">Outcomes tested (the later ones).</param>
/// <param name="FirstTestDate">The earliest test outcome date; every training outcome is before it.</param>
/// <param name="ExcludedNoScore">Outcomes without a score at the cut-off, left out of both.</param>
/// <param name="Components">Component weights, current and proposed.</param>
/// <param name="Metrics">Metric weights within their components, current and proposed.</param>
/// <param name="Current">The current model rescored on the test outcomes.</param>
/// <param name="Proposed">The proposed model rescored on the same test outcomes.</param>
/// <param name="ProposedJson">The proposed model's JSON (not serialized with the result).</param>
public sealed record CalibrationResult(
    string CurrentVersion,
    string ProposedVersion,
    int LeadDays,
    int TrainOutcomes,
    int TestOutcomes,
    DateOnly? FirstTestDate,
    int ExcludedNoScore,
    IReadOnlyList<WeightProposal> Components,
    IReadOnlyList<WeightProposal> Metrics,
    LeadTimeReport Current,
    LeadTimeReport Proposed,
    [property: JsonIgnore] string ProposedJson);
