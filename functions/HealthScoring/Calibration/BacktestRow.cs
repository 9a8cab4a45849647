namespace HealthScoring.Calibration;

/// <summary>One outcome as seen at its cut-off: nothing here was recorded after <see cref="Cutoff"/>.</summary>
/// <param name="Outcome">The renewal outcome.</param>
/// <param name="Cutoff">The outcome date less the lead time.</param>
/// <param name="Score">The score recorded on the latest day on or before the cut-off (or recomputed, see <see cref="AsOf.Rescored"/>).</param>
/// <param name="Tier">The tier recorded with it.</param>
/// <param name="Components">Top-level component scores (0-100, higher is healthier).</param>
/// <param name="Metrics">Normalized metric scores recomputed from the buckets up to the cut-off (0-100, higher is healthier).</param>
/// <param name="Profile">The account's profile.</param>
/// <param name="SignalsAsOf">The signal buckets on or before the cut-off.</param>
public sealed record BacktestRow(
    RenewalOutcome Outcome,
    DateOnly Cutoff,
    double Score,
    HealthTier? Tier,
    IReadOnlyDictionary<string, double?> Components,
    IReadOnlyDictionary<string, double?> Metrics,
    AccountProfile Profile,
    SignalHistory SignalsAsOf);
