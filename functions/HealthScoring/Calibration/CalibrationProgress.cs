namespace HealthScoring.Calibration;

/// <summary>How far a calibration has got, for a job's progress report.</summary>
/// <param name="Stage">What it is doing: "as-of", "fit", "proposal", "side-by-side".</param>
/// <param name="Done">Items done in this stage.</param>
/// <param name="Total">Items in this stage.</param>
public sealed record CalibrationProgress(string Stage, int Done, int Total);
