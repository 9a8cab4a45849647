namespace HealthFunctions.Retention;

/// <summary>What one run did for one sweep: rows removed (in this cycle so far), whether its cycle is complete, and the cutoff.</summary>
public sealed record SweepResult(string Name, long Removed, bool Done, DateTimeOffset Cutoff);
