using HealthScoring;

namespace HealthFunctions.Scoring;

/// <summary>The answer to <c>GET /api/models/{version}/changes</c>: the model's changes against the active one, largest first.</summary>
public sealed record ModelChanges(string Version, string ActiveVersion, IReadOnlyList<PlainChange> Changes);
