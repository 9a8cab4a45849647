namespace HealthScoring.Calibration;

/// <summary>The outcomes cannot support a calibration (too few, or only one class before the split).</summary>
public sealed class CalibrationDataException(string message) : Exception(message);
