namespace HealthFunctions.Ingestion;

/// <summary>The 202 answer to a signal post: new signals stored, repeats recognised, and metrics the model does not read (stored all the same).</summary>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<string> UnmodeledMetrics);
