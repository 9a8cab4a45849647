namespace HealthFunctions.Calibration.Jobs;

/// <summary>What a job does.</summary>
public enum JobKind
{
    /// <summary>Backtests a model as of each outcome's cut-off (<c>POST /api/backtest</c>).</summary>
    Backtest,

    /// <summary>Calibrates a model and stores the proposal (<c>POST /api/models/calibrate</c>).</summary>
    Calibrate,

    /// <summary>What activating a stored model would do (<c>POST /api/models/{version}/preview</c>): a dry run.</summary>
    Preview,
}
