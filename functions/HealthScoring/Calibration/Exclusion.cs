namespace HealthScoring.Calibration;

/// <summary>Why an outcome could not be backtested at a lead time.</summary>
public enum Exclusion
{
    /// <summary>Not excluded.</summary>
    None,

    /// <summary>No history row on or before the cut-off (scored too late, or the account is too new).</summary>
    NoHistory,

    /// <summary>The row on or before the cut-off has no score (coverage below the model's minimum).</summary>
    NoScore,
}
