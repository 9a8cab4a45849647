namespace HealthScoring;

/// <summary>Why an account has its score and tier, in words a CSM reads without the model at hand.</summary>
/// <param name="Summary">One sentence: the tier and what set it (the score's band, a critical metric, an override, hysteresis, or too little data).</param>
/// <param name="UnscoredReason">Why there is no score (coverage below the model's minimum), naming the missing metrics; null when scored.</param>
/// <param name="MissingMetrics">Metrics that carry weight for this account but had no data (their weight went to the others).</param>
/// <param name="CapReason">Why a critical metric holds the tier at Red; null when none does.</param>
/// <param name="Adjustment">The CSM override or pulse in force, in words; null when none.</param>
/// <param name="Drivers">What moved since the previous result, largest first, with values before and after.</param>
/// <param name="Split">When the weights changed since the previous result (another model, segment or stage): the change split into values and weights, in words.</param>
public sealed record HealthExplanation(
    string Summary,
    string? UnscoredReason,
    IReadOnlyList<string> MissingMetrics,
    string? CapReason,
    string? Adjustment,
    IReadOnlyList<DriverExplanation> Drivers,
    ScoreSplit? Split = null);

/// <summary>A score change split into what the metric values did and what new weights did.</summary>
/// <param name="ValuesPoints">Points due to the values.</param>
/// <param name="WeightsPoints">Points due to the weights (model, segment or lifecycle stage).</param>
/// <param name="Text">The split in words, naming what changed and the weights that did.</param>
public sealed record ScoreSplit(double ValuesPoints, double WeightsPoints, string Text);
