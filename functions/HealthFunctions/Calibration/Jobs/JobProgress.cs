namespace HealthFunctions.Calibration.Jobs;

/// <summary>How far a job has got: the stage ("loading", "scoring", "as-of", "fit", "proposal", "side-by-side") and its count.</summary>
/// <param name="Stage">What it is doing.</param>
/// <param name="Done">Items done in this stage.</param>
/// <param name="Total">Items in this stage.</param>
public sealed record JobProgress(string Stage, int Done, int Total)
{
    /// <summary>Done over total in percent (one decimal), or null when the stage has no count.</summary>
    public double? Percent => Total > 0 ? Math.Round(100.0 * Done / Total, 1) : null;
}
