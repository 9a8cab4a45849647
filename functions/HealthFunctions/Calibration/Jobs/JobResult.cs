using HealthScoring.Calibration;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>A finished job's result: the backtest, and for a calibration the calibration (whose proposal is stored).</summary>
/// <param name="Backtest">The backtest of the job's model (for a calibration: of the base model over the same outcomes).</param>
/// <param name="Calibration">The calibration, or null for a backtest job.</param>
public sealed record JobResult(BacktestReport Backtest, CalibrationResult? Calibration);
