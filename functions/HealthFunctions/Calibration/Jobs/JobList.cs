namespace HealthFunctions.Calibration.Jobs;

/// <summary>The answer to <c>GET /api/jobs</c>: the newest jobs first (without their results).</summary>
public sealed record JobList(IReadOnlyList<JobView> Jobs);
