namespace HealthScoring;

/// <summary>Optional inputs beyond the signal history.</summary>
/// <param name="PreviousTier">The tier last stored for the account, for hysteresis.</param>
/// <param name="Override">A manual override, applied while active.</param>
/// <param name="Pulse">A CSM pulse, feeding pulse metrics while active.</param>
/// <param name="Population">
/// The account's segment distribution, for percentile normalizers and median fill. Without it, percentile
/// metrics are missing and median fill falls back to reweighting.
/// </param>
public sealed record ScoringInputs(
    HealthTier? PreviousTier = null,
    ManualOverride? Override = null,
    CsmPulse? Pulse = null,
    SegmentPopulation? Population = null)
{
    /// <summary>No extra inputs.</summary>
    public static ScoringInputs None { get; } = new();
}
