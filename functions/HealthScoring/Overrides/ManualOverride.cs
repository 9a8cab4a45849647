namespace HealthScoring;

/// <summary>
/// A score and/or tier set by a person. Active while the as-of day is on or before <see cref="ExpiresOn"/>;
/// afterwards the computed score returns. A score alone also sets the tier by the plain boundaries; a tier
/// alone keeps the computed score. Overrides win over critical caps and the coverage minimum.
/// </summary>
/// <param name="Score">The score to report (0-100), or null to keep the computed one.</param>
/// <param name="Tier">The tier to report, or null to derive it from <paramref name="Score"/>.</param>
/// <param name="Reason">Why (shown with the score).</param>
/// <param name="Author">Who set it.</param>
/// <param name="ExpiresOn">Last day the override applies (inclusive).</param>
public sealed record ManualOverride(double? Score, HealthTier? Tier, string Reason, string Author, DateOnly ExpiresOn)
{
    /// <summary>Whether the override applies on <paramref name="asOf"/>.</summary>
    public bool IsActiveOn(DateOnly asOf) => asOf <= ExpiresOn;
}
