using HealthFunctions.Calibration.Jobs;
using HealthFunctions.Errors;
using HealthFunctions.Outcomes;
using HealthFunctions.Rescoring;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using HealthScoring;
using HealthScoring.Calibration;

namespace HealthFunctions.Calibration;

/// <summary>
/// Gathers the stored outcomes with their accounts' profiles and signal history, and hands them to the pure backtest and
/// calibration in HealthScoring. Every score is computed as of the outcome's cut-off from the stored signal buckets, with
/// any model (the active one, a stored one, a posted draft): no recorded score history is read, and nothing after a
/// cut-off (<see cref="AsOf"/>). Reads one account row, and one query of its month rows when it has older months, per
/// outcome account.
/// </summary>
public sealed class BacktestService(
    OutcomeStore outcomes,
    AccountStore accounts,
    ModelProvider models,
    ModelStore modelStore,
    JobStore jobs,
    TimeProvider clock)
{
    private const int Parallelism = 8;

    /// <summary>The model a job names, with its JSON (the active one as the job starts, a stored version, or the job's draft).</summary>
    public async Task<ActiveModel> ModelForAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var json = job.Request.Model switch
        {
            ModelSource.Active => models.Active.Json,
            ModelSource.Stored => await modelStore.FindAsync(job.Request.ModelVersion!, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No model has version '{job.Request.ModelVersion}' any more."),
            _ => await jobs.ReadDraftAsync(job.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"The draft model of job {job.Id} is missing."),
        };
        var model = job.Request.Model == ModelSource.Active ? models.Active.Model : HealthModelLoader.Load(json);
        return new ActiveModel(model, json, ModelSignals.Of(model), null);
    }

    /// <summary>Backtests <paramref name="model"/> at each lead time on the outcomes of the job's period.</summary>
    public async Task<BacktestReport> BacktestAsync(HealthModel model, JobRequest request, IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var cases = await LoadCasesAsync(request.LeadDays, AsOf.Lookback(model), request.From, request.To, progress, cancellationToken).ConfigureAwait(false);
        return Backtester.Run(model, cases, request.LeadDays, ScoreSource.AsOf, progress, cancellationToken);
    }

    /// <summary>
    /// Calibrates <paramref name="model"/> against the outcomes and stores the proposal (never activates it). Returns the
    /// calibration and the base model's backtest over the same outcomes (for the report).
    /// </summary>
    public async Task<(CalibrationResult Calibration, BacktestReport Backtest)> CalibrateAsync(
        ActiveModel model, JobRecord job, IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(job);
        var lead = job.Request.LeadDays[0];
        var cases = await LoadCasesAsync([lead], AsOf.Lookback(model.Model), job.Request.From, job.Request.To, progress, cancellationToken).ConfigureAwait(false);
        var result = Calibrator.Calibrate(model.Model, model.Json, cases, lead, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            CalibrationOptions.Default, progress, cancellationToken);
        var backtest = Backtester.Run(model.Model, cases, [lead], ScoreSource.AsOf, null, cancellationToken);
        await modelStore.SaveProposedAsync(result.ProposedVersion, result.ProposedJson, cancellationToken, ProposalNote.Of(result, job.Id)).ConfigureAwait(false);
        return (result, backtest);
    }

    /// <summary>
    /// Every stored outcome in [<paramref name="from"/>, <paramref name="to"/>] with its account's profile and the signal
    /// buckets its cut-offs can reach (<paramref name="lookback"/> days before the earliest cut-off, up to the latest).
    /// An account is read once for all its outcomes; progress reports accounts read (stage "loading").
    /// </summary>
    public async Task<IReadOnlyList<BacktestCase>> LoadCasesAsync(IReadOnlyList<int> leadDays, int lookback, DateOnly? from, DateOnly? to,
        IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadDays);
        var all = new List<RenewalOutcome>();
        await foreach (var o in outcomes.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            if ((from is null || o.Date >= from) && (to is null || o.Date <= to))
            {
                all.Add(o);
            }
        }

        int longest = leadDays.Max(), shortest = leadDays.Min();
        var byAccount = all.GroupBy(o => o.AccountId, StringComparer.Ordinal).ToList();
        var cases = new BacktestCase[byAccount.Count][];
        var done = 0;
        progress?.Report(new CalibrationProgress("loading", 0, byAccount.Count));
        await Parallel.ForEachAsync(Enumerable.Range(0, byAccount.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var group = byAccount[i];
                var first = group.Min(o => o.Date).AddDays(1 - longest - lookback);
                var read = await accounts.ReadSignalsAsync(group.Key, first, ct).ConfigureAwait(false);
                var profile = new AccountProfile(group.Key, read?.Account.Profile.Segment, read?.Account.Profile.LifecycleStage);
                cases[i] = group.Select(o =>
                {
                    // What any cut-off of this outcome can read, and nothing after the latest one.
                    var signals = read is null ? SignalHistory.Empty
                        : read.State.Slice(o.Date.AddDays(1 - longest - lookback), AsOf.Cutoff(o.Date, shortest)).ToHistory();
                    return new BacktestCase(o, profile, [], signals);
                }).ToArray();
                var n = Interlocked.Increment(ref done);
                if (n == byAccount.Count || n % Math.Max(1, byAccount.Count / 100) == 0)
                {
                    progress?.Report(new CalibrationProgress("loading", n, byAccount.Count));
                }
            }).ConfigureAwait(false);

        return cases.SelectMany(c => c).ToList();
    }
}
