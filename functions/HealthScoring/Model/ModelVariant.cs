namespace HealthScoring;

/// <summary>The compiled tree for one (segment, lifecycle stage) pair, with the names as spelled in the model.</summary>
/// <param name="Segment">The segment's name, or null for the base model.</param>
/// <param name="LifecycleStage">The stage's name, or null.</param>
/// <param name="Tree">The compiled tree.</param>
/// <param name="Shift">The segment's and the stage's shifts added together.</param>
internal sealed record ModelVariant(string? Segment, string? LifecycleStage, CompiledTree Tree, double Shift);
