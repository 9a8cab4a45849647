using Azure;
using HealthScoring;

namespace HealthFunctions.Scoring;

/// <summary>A loaded model with its JSON, the signals it reads, and the ETag of the stored copy it came from (if any).</summary>
public sealed record ActiveModel(HealthModel Model, string Json, IReadOnlySet<string> Signals, ETag? StoredETag);
