namespace HealthFunctions.Calibration;

/// <summary>The answer to <c>POST /api/outcomes</c>: distinct outcomes stored (re-posting one replaces it).</summary>
public sealed record OutcomeIngestResult(int Accepted);
