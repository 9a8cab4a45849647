namespace HealthScoring.Calibration;

/// <summary>
/// Each metric on its own, as the current model scores it: on the training outcomes (what the calibration may
/// look at, and what a person should use to decide a fix) and, apart and labelled, on the test outcomes.
/// </summary>
/// <param name="Training">Per metric on the earlier outcomes the fit used.</param>
/// <param name="Test">Per metric on the later outcomes, for reading the result only.</param>
public sealed record CalibrationDiagnostics(IReadOnlyList<FeatureAuc> Training, IReadOnlyList<FeatureAuc> Test);
