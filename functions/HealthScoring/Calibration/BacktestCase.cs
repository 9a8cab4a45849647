namespace HealthScoring.Calibration;

/// <summary>
/// Everything known about one outcome's account, before any cut-off is applied: the recorded score history and
/// the stored signal buckets. <see cref="AsOf"/> cuts both at a lead time.
/// </summary>
/// <param name="Outcome">The renewal outcome.</param>
/// <param name="Profile">The account's segment and lifecycle stage (as stored now).</param>
/// <param name="History">Recorded daily scores, any order.</param>
/// <param name="Signals">The stored daily signal buckets, possibly running past the outcome date.</param>
public sealed record BacktestCase(RenewalOutcome Outcome, AccountProfile Profile, IReadOnlyList<HistoryPoint> History, SignalHistory Signals);
