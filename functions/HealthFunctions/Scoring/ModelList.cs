namespace HealthFunctions.Scoring;

/// <summary>The answer to <c>GET /api/models</c>.</summary>
/// <param name="Active">The model that scores accounts now.</param>
/// <param name="Baseline">The model from settings (or the shipped default), active until another is activated.</param>
/// <param name="Proposed">Stored proposals, newest first.</param>
public sealed record ModelList(ModelSummary Active, ModelSummary Baseline, IReadOnlyList<ProposedModelInfo> Proposed);

/// <summary>One model in <see cref="ModelList"/>.</summary>
/// <param name="Version">Its version.</param>
/// <param name="Source">"baseline" (from settings or shipped) or "activated" (a stored model made active).</param>
/// <param name="ActivatedAt">When it was activated, for an activated model.</param>
/// <param name="Url">Where its JSON is served.</param>
/// <param name="Previous">For an activated model: the model active before it (activating that one again is a rollback).</param>
/// <param name="ForcedReason">For a model activated despite concerns: the reason given.</param>
public sealed record ModelSummary(string Version, string Source, DateTimeOffset? ActivatedAt, string Url, string? Previous = null, string? ForcedReason = null);
