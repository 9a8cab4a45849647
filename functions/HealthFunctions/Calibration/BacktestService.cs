using HealthFunctions.Outcomes;
using HealthFunctions.Rescoring;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using HealthScoring;
using HealthScoring.Calibration;

namespace HealthFunctions.Calibration;

/// <summary>
/// Gathers the stored outcomes with their accounts' score history and signal buckets, and hands them to the pure
/// backtest and calibration in HealthScoring. Reads one account row and one history range per outcome account.
/// </summary>
public sealed class BacktestService(
    OutcomeStore outcomes,
    AccountStore accounts,
    HistoryStore history,
    ModelProvider models,
    ModelStore modelStore,
    TimeProvider clock)
{
    private static readonly DateOnly HistoryFrom = new(2000, 1, 1);

    /// <summary>The active model's backtest at each lead time.</summary>
    public async Task<BacktestReport> BacktestAsync(IReadOnlyList<int> leadDays, CancellationToken cancellationToken)
    {
        var active = models.Active;
        var cases = await LoadCasesAsync(cancellationToken).ConfigureAwait(false);
        return Backtester.Run(active.Model, cases, leadDays);
    }

    /// <summary>Calibrates the active model; with <paramref name="store"/>, saves the proposed model (never activates it).</summary>
    public async Task<CalibrationResult> CalibrateAsync(int leadDays, bool store, CancellationToken cancellationToken)
    {
        var active = models.Active;
        var cases = await LoadCasesAsync(cancellationToken).ConfigureAwait(false);
        var result = Calibrator.Calibrate(active.Model, active.Json, cases, leadDays, Today);
        if (store)
        {
            await modelStore.SaveProposedAsync(result.ProposedVersion, result.ProposedJson, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The HTML report; with <paramref name="calibrate"/>, a calibration (not stored) beside it when the data allow one.</summary>
    public async Task<string> ReportAsync(IReadOnlyList<int> leadDays, bool calibrate, CancellationToken cancellationToken)
    {
        var active = models.Active;
        var cases = await LoadCasesAsync(cancellationToken).ConfigureAwait(false);
        var report = Backtester.Run(active.Model, cases, leadDays);
        CalibrationResult? calibration = null;
        if (calibrate)
        {
            try
            {
                calibration = Calibrator.Calibrate(active.Model, active.Json, cases, leadDays[0], Today);
            }
            catch (CalibrationDataException)
            {
                // The report still shows the backtest; POST /api/models/calibrate says why it cannot fit.
            }
        }

        return BacktestHtml.Render(report, calibration, clock.GetUtcNow());
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<IReadOnlyList<BacktestCase>> LoadCasesAsync(CancellationToken cancellationToken)
    {
        var all = new List<RenewalOutcome>();
        await foreach (var o in outcomes.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(o);
        }

        var byAccount = new System.Collections.Concurrent.ConcurrentDictionary<string, (AccountProfile Profile, List<HistoryPoint> History, SignalHistory Signals)>(StringComparer.Ordinal);
        var ids = all.Select(o => o.AccountId).Distinct(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var account = await accounts.GetAsync(id, ct).ConfigureAwait(false);
            var points = new List<HistoryPoint>();
            await foreach (var row in history.ReadAsync(id, HistoryFrom, ct).ConfigureAwait(false))
            {
                points.Add(new HistoryPoint(row.Day, row.Score, row.Tier, row.Components));
            }

            var profile = new AccountProfile(id, account?.Profile.Segment, account?.Profile.LifecycleStage);
            byAccount[id] = (profile, points, account is null ? SignalHistory.Empty : account.State.DecodeHistory());
        }).ConfigureAwait(false);

        return all.Select(o =>
        {
            var (profile, points, signals) = byAccount[o.AccountId];
            return new BacktestCase(o, profile, points, signals);
        }).ToList();
    }
}
