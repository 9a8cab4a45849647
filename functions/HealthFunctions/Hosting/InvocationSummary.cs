namespace HealthFunctions.Hosting;

/// <summary>What a trigger invocation did, as logged by the host.</summary>
public sealed record InvocationSummary(string Function, string Outcome, string? Detail);
