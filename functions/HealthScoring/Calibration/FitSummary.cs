namespace HealthScoring.Calibration;

/// <summary>The calibrator's regression and how faithfully the proposed model reproduces it.</summary>
/// <param name="Rows">Training outcomes fitted.</param>
/// <param name="Columns">Regression columns (numbers, levels, "no value" flags, segments, stages).</param>
/// <param name="Lambda">The L2 penalty.</param>
/// <param name="Iterations">Newton iterations run.</param>
/// <param name="Converged">Whether the fit converged.</param>
/// <param name="TrainAuc">AUC of the fitted churn log-odds on the training outcomes.</param>
/// <param name="TestAuc">AUC of the fitted churn log-odds on the test outcomes (the regression itself, before any mapping).</param>
/// <param name="PointsPerLogOdds">Score points the proposed model loses per unit of churn log-odds.</param>
/// <param name="ScoredRows">Training outcomes the proposed model gave a score (enough coverage).</param>
/// <param name="MaxDeviation">
/// Largest gap, in score points, between the proposed model's score of a training outcome and a straight line of the
/// fitted log-odds: 0.05 is the engine's rounding to one decimal, more means the model does not reproduce the fit.
/// </param>
/// <param name="Clamped">Training outcomes whose score a shift pushed past 0 or 100 (kept within 0-100, so ties).</param>
/// <param name="DisplayLow">The weighted score the display scale shows as 5 (null without a scale).</param>
/// <param name="DisplayHigh">The weighted score the display scale shows as 95 (null without a scale).</param>
/// <param name="ShownPointsPerLogOdds">Shown score points per unit of churn log-odds between those two.</param>
/// <param name="DisplayDisorders">Training accounts that a lower-weighted account is shown above (0: the display keeps the fit's order).</param>
public sealed record FitSummary(
    int Rows,
    int Columns,
    double Lambda,
    int Iterations,
    bool Converged,
    double? TrainAuc,
    double? TestAuc,
    double PointsPerLogOdds,
    int ScoredRows,
    double MaxDeviation,
    int Clamped,
    double? DisplayLow = null,
    double? DisplayHigh = null,
    double? ShownPointsPerLogOdds = null,
    long DisplayDisorders = 0);
