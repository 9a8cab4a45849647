using HealthScoring.Calibration;

namespace HealthFunctions.Scoring;

/// <summary>A stored proposal as <c>GET /api/models</c> lists it, with whether it is recommended and why not.</summary>
/// <param name="Version">The proposed model's version (<c>GET /api/models/{version}</c> returns it).</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="BasedOn">The model it was calibrated from.</param>
/// <param name="Job">The calibration job that proposed it (<c>GET /api/jobs/{id}</c>).</param>
/// <param name="LeadDays">The lead time fitted.</param>
/// <param name="CurrentTestAuc">The base model's AUC on the calibration's test outcomes.</param>
/// <param name="TestAuc">The proposal's AUC on the same outcomes.</param>
/// <param name="CurrentTestLift">The base model's top-decile lift on the test outcomes.</param>
/// <param name="TestLift">The proposal's.</param>
/// <param name="FlippedMetrics">Metrics it scores the other way round from the base model.</param>
/// <param name="Preview">The latest activation preview's backtest of it beside the model then active.</param>
public sealed record ProposedModelInfo(string Version, DateTimeOffset? CreatedAt, string? BasedOn, string? Job, int? LeadDays, double? CurrentTestAuc, double? TestAuc,
    double? CurrentTestLift = null, double? TestLift = null, IReadOnlyList<string>? FlippedMetrics = null, PreviewFigures? Preview = null)
{
    /// <summary>Where its JSON is served.</summary>
    public string Url => ModelFunctions.Url(Version);

    /// <summary>
    /// Why activating it needs <c>force</c> and a reason, in words: a flipped metric, a worse backtest than its base model
    /// on the calibration's test outcomes, or than the active model in its latest preview.
    /// </summary>
    public IReadOnlyList<ModelConcern> Concerns =>
    [
        .. ProposalReview.Concerns(BasedOn ?? "the model it was calibrated from", FlippedMetrics ?? [],
            new BacktestFigures(CurrentTestAuc, CurrentTestLift), new BacktestFigures(TestAuc, TestLift)),
        .. Preview is { } p ? ProposalReview.Concerns(p.Against, [], new BacktestFigures(p.ActiveAuc, p.ActiveLift), new BacktestFigures(p.Auc, p.Lift)) : [],
    ];

    /// <summary>False ("not recommended") when it has <see cref="Concerns"/>.</summary>
    public bool Recommended => Concerns.Count == 0;
}

/// <summary>An activation preview's backtest of a proposal beside the model active then, on the same outcomes.</summary>
/// <param name="Against">The model active when the preview ran.</param>
/// <param name="ActiveAuc">Its AUC.</param>
/// <param name="Auc">The proposal's AUC.</param>
/// <param name="ActiveLift">Its top-decile lift.</param>
/// <param name="Lift">The proposal's top-decile lift.</param>
public sealed record PreviewFigures(string Against, double? ActiveAuc, double? Auc, double? ActiveLift, double? Lift);
