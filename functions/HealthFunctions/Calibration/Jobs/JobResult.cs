using HealthFunctions.Scoring;
using HealthScoring.Calibration;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>A finished job's result: the backtest, for a calibration the calibration (whose proposal is stored), for a preview the preview.</summary>
/// <param name="Backtest">The backtest of the job's model (for a calibration: of the base model over the same outcomes); null for a preview (its own holds both models').</param>
/// <param name="Calibration">The calibration, or null.</param>
/// <param name="Preview">The activation preview, or null.</param>
public sealed record JobResult(BacktestReport? Backtest, CalibrationResult? Calibration, ActivationPreview? Preview = null);
