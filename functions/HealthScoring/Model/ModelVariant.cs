namespace HealthScoring;

/// <summary>The compiled tree for one (segment, lifecycle stage) pair, with the names as spelled in the model.</summary>
internal sealed record ModelVariant(string? Segment, string? LifecycleStage, CompiledTree Tree);
