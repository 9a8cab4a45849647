namespace HealthFunctions.Calibration.Jobs;

/// <summary>Which model a job scores or calibrates.</summary>
public enum ModelSource
{
    /// <summary>The model active when the job runs.</summary>
    Active,

    /// <summary>A stored model by its version (a proposal, the baseline, the active one).</summary>
    Stored,

    /// <summary>A draft model document posted with the job (kept with it).</summary>
    Draft,
}
