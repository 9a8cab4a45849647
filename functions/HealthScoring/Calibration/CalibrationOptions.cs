namespace HealthScoring.Calibration;

/// <summary>How a calibration fits.</summary>
/// <param name="TrainFraction">Share of outcomes (the earliest) used to fit; the later rest is the test set.</param>
/// <param name="Lambda">L2 penalty on standardised coefficients.</param>
/// <param name="MinimumPerClass">Churned and retained outcomes each needed in the training set.</param>
public sealed record CalibrationOptions(double TrainFraction = 0.7, double Lambda = 1.0, int MinimumPerClass = 5)
{
    /// <summary>The defaults.</summary>
    public static CalibrationOptions Default { get; } = new();
}
