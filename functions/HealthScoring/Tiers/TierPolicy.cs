namespace HealthScoring;

/// <summary>
/// Tier boundaries and hysteresis. A score at or above <see cref="GreenFrom"/> is Green, at or above
/// <see cref="YellowFrom"/> Yellow, otherwise Red. With a previous tier, the tier only changes once the score
/// is at least <see cref="Hysteresis"/> points beyond the boundary it crosses, so scores near a line do not flap.
/// </summary>
/// <param name="YellowFrom">Lowest Yellow score (default 60).</param>
/// <param name="GreenFrom">Lowest Green score (default 80).</param>
/// <param name="Hysteresis">Margin in points a score must pass a boundary by before the tier changes (default 2).</param>
public sealed record TierPolicy(double YellowFrom = 60, double GreenFrom = 80, double Hysteresis = 2)
{
    /// <summary>0-59 Red, 60-79 Yellow, 80-100 Green, 2 points of hysteresis.</summary>
    public static TierPolicy Default { get; } = new();

    /// <summary>The tier of <paramref name="score"/> by the plain boundaries, without hysteresis.</summary>
    public HealthTier Classify(double score) =>
        score >= GreenFrom ? HealthTier.Green : score >= YellowFrom ? HealthTier.Yellow : HealthTier.Red;

    /// <summary>
    /// The tier of <paramref name="score"/> given the account's previous tier: moving up needs
    /// <c>score ≥ boundary + Hysteresis</c>, moving down needs <c>score &lt; boundary − Hysteresis</c>;
    /// otherwise the previous tier stays. Without a previous tier this is <see cref="Classify(double)"/>.
    /// </summary>
    public HealthTier Classify(double score, HealthTier? previous)
    {
        if (previous is not { } prev)
        {
            return Classify(score);
        }

        var up = (score >= YellowFrom + Hysteresis ? 1 : 0) + (score >= GreenFrom + Hysteresis ? 1 : 0);
        if (up > (int)prev)
        {
            return (HealthTier)up;
        }

        var down = (score >= YellowFrom - Hysteresis ? 1 : 0) + (score >= GreenFrom - Hysteresis ? 1 : 0);
        return down < (int)prev ? (HealthTier)down : prev;
    }
}
