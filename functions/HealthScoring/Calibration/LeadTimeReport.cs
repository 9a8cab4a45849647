namespace HealthScoring.Calibration;

/// <summary>How well the score, taken a lead time before each outcome, predicted churn.</summary>
/// <param name="LeadDays">Days between the cut-off and the outcome date.</param>
/// <param name="Outcomes">Outcomes considered.</param>
/// <param name="Included">Outcomes with a score on or before the cut-off.</param>
/// <param name="ExcludedNoHistory">Outcomes without any history row on or before the cut-off.</param>
/// <param name="ExcludedNoScore">Outcomes whose row at the cut-off had no score (coverage too low).</param>
/// <param name="Churned">Included outcomes that churned.</param>
/// <param name="BaseRate">Churned / Included.</param>
/// <param name="Auc">ROC AUC of the score for churn (lower score = riskier); null without both classes.</param>
/// <param name="AucLow">Lower end of the approximate 95% interval (Hanley-McNeil).</param>
/// <param name="AucHigh">Upper end of the interval.</param>
/// <param name="RedFlagged">Included outcomes that were Red at the cut-off.</param>
/// <param name="RedPrecision">Of the Red ones, the share that churned.</param>
/// <param name="RedRecall">Of the churned ones, the share that were Red.</param>
/// <param name="TopDecileSize">Accounts in the riskiest 10% (lowest scores).</param>
/// <param name="TopDecileLift">Churn rate in the riskiest 10% over the base rate.</param>
/// <param name="Tiers">Churn rate per tier.</param>
/// <param name="Features">Univariate AUC and direction of each component and metric.</param>
/// <param name="ScoreDistribution">Scores in bins of 10 by outcome.</param>
/// <param name="Roc">The ROC curve.</param>
public sealed record LeadTimeReport(
    int LeadDays,
    int Outcomes,
    int Included,
    int ExcludedNoHistory,
    int ExcludedNoScore,
    int Churned,
    double? BaseRate,
    double? Auc,
    double? AucLow,
    double? AucHigh,
    int RedFlagged,
    double? RedPrecision,
    double? RedRecall,
    int TopDecileSize,
    double? TopDecileLift,
    IReadOnlyList<TierChurn> Tiers,
    IReadOnlyList<FeatureAuc> Features,
    IReadOnlyList<ScoreBin> ScoreDistribution,
    IReadOnlyList<RocPoint> Roc);
