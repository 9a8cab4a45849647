namespace HealthScoring.Calibration;

/// <summary>Where a backtest takes each outcome's score at its cut-off from.</summary>
public enum ScoreSource
{
    /// <summary>The daily score history as it was recorded (whichever model was active that day).</summary>
    Recorded,

    /// <summary>Computed as of the cut-off from the stored signal buckets, with the model given (no history needed).</summary>
    AsOf,
}
