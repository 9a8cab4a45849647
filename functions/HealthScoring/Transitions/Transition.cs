namespace HealthScoring;

/// <summary>The classified change between an account's previous and current result.</summary>
/// <param name="Kind">The primary kind (precedence: TierDrop, SharpDecline, Recovered, TierRise, Unchanged; None when nothing to compare).</param>
/// <param name="Applies">Every kind that applies, in precedence order (contains <paramref name="Kind"/> first).</param>
/// <param name="PreviousScore">Previous score.</param>
/// <param name="PreviousTier">Previous tier.</param>
/// <param name="CurrentScore">Current score.</param>
/// <param name="CurrentTier">Current tier.</param>
/// <param name="Delta">Current minus previous score (1 decimal), when both exist.</param>
/// <param name="TrendBaseline">The point the trend arrow compares with (latest at least TrendComparisonDays old).</param>
/// <param name="TrendDelta">Current score minus the baseline's (1 decimal).</param>
/// <param name="Drivers">Metrics whose contribution moved most, by absolute movement then name.</param>
public sealed record Transition(
    TransitionKind Kind,
    IReadOnlyList<TransitionKind> Applies,
    double? PreviousScore,
    HealthTier? PreviousTier,
    double? CurrentScore,
    HealthTier? CurrentTier,
    double? Delta,
    ScorePoint? TrendBaseline,
    double? TrendDelta,
    IReadOnlyList<Driver> Drivers)
{
    /// <summary>The wire name of <see cref="Kind"/>, e.g. "tier-drop".</summary>
    public string WireName => Kind.ToWireName();
}
