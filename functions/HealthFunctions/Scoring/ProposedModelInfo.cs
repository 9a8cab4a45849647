namespace HealthFunctions.Scoring;

/// <summary>A stored proposal as <c>GET /api/models</c> lists it.</summary>
/// <param name="Version">The proposed model's version (<c>GET /api/models/{version}</c> returns it).</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="BasedOn">The model it was calibrated from.</param>
/// <param name="Job">The calibration job that proposed it (<c>GET /api/jobs/{id}</c>).</param>
/// <param name="LeadDays">The lead time fitted.</param>
/// <param name="CurrentTestAuc">The base model's AUC on the calibration's test outcomes.</param>
/// <param name="TestAuc">The proposal's AUC on the same outcomes.</param>
public sealed record ProposedModelInfo(string Version, DateTimeOffset? CreatedAt, string? BasedOn, string? Job, int? LeadDays, double? CurrentTestAuc, double? TestAuc)
{
    /// <summary>Where its JSON is served.</summary>
    public string Url => ModelFunctions.Url(Version);
}
