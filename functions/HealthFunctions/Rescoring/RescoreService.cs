using System.Diagnostics;
using HealthFunctions.Messaging;
using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthScoring;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Rescoring;

/// <summary>
/// Rescoring: every account (the daily timer and <c>POST /api/ops/rescore</c>), or those with new signals
/// (the short timer). Streams pages of 1,000 account rows, scores them in shard groups of up to 100 with
/// bounded parallelism, publishes the changes, then merges the scores and writes the history in batches.
/// Publishing comes before the write: a crash in between republishes the same message ids, which duplicate
/// detection drops, and a rerun of the same day skips accounts whose state and model have not changed.
/// Failures surface: a run that cannot write fails, and the next run resumes.
/// Models with percentile normalizers or median fill score with the segment populations the last full run sampled;
/// a full run samples today's while it streams (<see cref="PopulationSampler"/>) and stores them for the next runs.
/// A full run also records the day's tier counts for the portfolio trend. The daily run (a full run for today) also raises
/// the dwell changes due (<see cref="AccountScorer"/>); a transition measured from a baseline scored with another model
/// version has that model loaded (<see cref="ModelVersions"/>, once per run) to find its cause.
/// </summary>
public sealed partial class RescoreService(
    AccountStore accounts,
    ConflictBackoff backoff,
    HistoryStore history,
    ScoreChangePublisher publisher,
    ModelProvider models,
    ModelStore modelStore,
    ModelVersions modelVersions,
    PopulationStore populations,
    Accounts.PortfolioTrendStore trend,
    Accounts.AccountDirectory directory,
    TimeProvider clock,
    IOptions<PipelineOptions> options,
    ILogger<RescoreService> logger)
{
    /// <summary>Attempts to store one account's score while other writers keep changing its row (then the run fails, and the next resumes).</summary>
    private const int MaxWriteAttempts = 50;

    /// <summary>Runs in one process take turns, so a dirty pass never interleaves with a backfill or the daily run here.</summary>
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Rescores every account as of <paramref name="asOf"/> (default: today, UTC).</summary>
    public Task<RescoreSummary> RescoreAllAsync(DateOnly? asOf, CancellationToken cancellationToken) =>
        InTurnAsync(() => RescoreAllInTurnAsync(asOf, cancellationToken), cancellationToken);

    /// <summary>Rescores, as of today, the accounts that received signals since they were last scored.</summary>
    public Task<RescoreSummary> RescoreDirtyAsync(CancellationToken cancellationToken) =>
        InTurnAsync(() => RescoreDirtyInTurnAsync(cancellationToken), cancellationToken);

    private async Task<RescoreSummary> InTurnAsync(Func<Task<RescoreSummary>> run, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<RescoreSummary> RescoreAllInTurnAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var day = asOf ?? today;
        await modelStore.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var run = new Run(day, models.Current) { CheckDwell = day == today };
        var stored = await LoadPopulationAsync(run, sample: true, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        await foreach (var page in accounts.ScanAsync(day, cancellationToken).ConfigureAwait(false))
        {
            run.AddRequests(1);
            run.AddAccounts(page.Count);
            foreach (var group in GroupByShard(page))
            {
                await ThrottleAsync(inFlight).ConfigureAwait(false);
                inFlight.Add(ProcessGroupAsync(group, run, cancellationToken));
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        await trend.WriteAsync(run.Tally.ToDay(day), cancellationToken).ConfigureAwait(false);
        if (run.Sampler is { Accounts: > 0 } sampler)
        {
            await populations.SaveAsync(new StoredPopulation(run.Model.Version, day, sampler.Accounts, sampler.Values()), stored, cancellationToken).ConfigureAwait(false);
        }

        return Finish(run, started, "RescoreAll");
    }

    private async Task<RescoreSummary> RescoreDirtyInTurnAsync(CancellationToken cancellationToken)
    {
        await modelStore.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var run = new Run(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), models.Current);
        await LoadPopulationAsync(run, sample: false, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var markers = new List<(string AccountId, Azure.ETag ETag)>();
        await foreach (var marker in accounts.ScanDirtyAsync(cancellationToken).ConfigureAwait(false))
        {
            markers.Add(marker);
        }

        foreach (var batch in markers.Chunk(64))
        {
            var records = await Task.WhenAll(batch.Select(m => accounts.GetAsync(m.AccountId, cancellationToken))).ConfigureAwait(false);
            var found = records.OfType<AccountRecord>().ToList();
            run.AddAccounts(found.Count);
            run.AddRequests(batch.Length);
            await Task.WhenAll(GroupByShard(found).Select(g => ProcessGroupAsync(g, run, cancellationToken))).ConfigureAwait(false);
            await Task.WhenAll(batch.Select(m => accounts.ClearDirtyAsync(m.AccountId, m.ETag, cancellationToken))).ConfigureAwait(false);
            run.AddRequests(batch.Length);
        }

        return Finish(run, started, "RescoreDirty");
    }

    /// <summary>For a model that reads segment populations: loads the stored ones and, for a full run, starts a sample.</summary>
    private async Task<StoredPopulation?> LoadPopulationAsync(Run run, bool sample, CancellationToken cancellationToken)
    {
        if (!PopulationSampler.IsNeededBy(run.Model))
        {
            return null;
        }

        var stored = await populations.LoadAsync(run.Model.Version, cancellationToken).ConfigureAwait(false);
        run.Populations = PopulationStore.ToPopulations(stored);
        run.Sampler = sample && (stored is null || run.Day >= stored.Day) ? new PopulationSampler() : null;
        return stored;
    }

    private static IEnumerable<List<AccountRecord>> GroupByShard(IReadOnlyList<AccountRecord> page)
    {
        var group = new List<AccountRecord>();
        string? shard = null;
        foreach (var (s, account) in page.Select(a => (AccountKeys.Shard(a.AccountId), a)).OrderBy(x => x.Item1, StringComparer.Ordinal))
        {
            if (group.Count == 100 || (shard is not null && s != shard))
            {
                yield return group;
                group = [];
            }

            shard = s;
            group.Add(account);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private async Task ThrottleAsync(List<Task> inFlight)
    {
        while (inFlight.Count >= options.Value.RescoreParallelism)
        {
            var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
            inFlight.Remove(done);
            await done.ConfigureAwait(false); // surfaces a failure at once
        }
    }

    /// <summary>
    /// Scores one shard group, publishes its changes, then writes its scores, each row only if no one changed it since it
    /// was read (a signal, or another run on another instance); such rows are read again and scored anew, after a
    /// jittered wait. History rows follow the scores they belong to.
    /// </summary>
    private async Task ProcessGroupAsync(List<AccountRecord> group, Run run, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var shard = AccountKeys.Shard(group[0].AccountId);
        for (var attempt = 0; group.Count > 0; attempt++)
        {
            var changed = await ScoreAndWriteAsync(group, shard, run, cancellationToken).ConfigureAwait(false);
            if (changed.Count == 0)
            {
                return;
            }

            if (attempt + 1 >= MaxWriteAttempts)
            {
                throw new TimeoutException($"Accounts kept changing during {MaxWriteAttempts} attempts to store their scores: {string.Join(", ", changed.Take(5))}.");
            }

            await backoff.WaitAsync(attempt, cancellationToken).ConfigureAwait(false);
            var reread = await Task.WhenAll(changed.Select(id => accounts.GetAsync(id, cancellationToken))).ConfigureAwait(false);
            run.AddRequests(changed.Count);
            group = reread.OfType<AccountRecord>().ToList();
        }
    }

    /// <summary>Scores, publishes and writes one group; returns the accounts whose rows changed before their scores were written.</summary>
    private async Task<IReadOnlyList<string>> ScoreAndWriteAsync(List<AccountRecord> group, string shard, Run run, CancellationToken cancellationToken)
    {
        var model = run.Model;
        var now = clock.GetUtcNow();
        var scores = new List<(string, ScoreSnapshot, Azure.ETag)>(group.Count);
        var rows = new List<HistoryRow>(group.Count);
        var events = new List<ScoreChangedEvent>();
        var counted = new List<(string AccountId, HealthScoring.HealthResult Result)>(group.Count);
        var options = await run.OptionsForAsync(group, modelVersions, cancellationToken).ConfigureAwait(false);
        foreach (var account in group)
        {
            ScoreSnapshot? final = null;
            var evaluated = false;
            foreach (var evaluation in Evaluate(model, account, run.Day, now, run.PopulationOf(account.Profile.Segment), options))
            {
                evaluated = true;
                rows.Add(evaluation.History);
                final = evaluation.Snapshot ?? final;
                if (evaluation.History.Day == run.Day)
                {
                    counted.Add((account.AccountId, evaluation.Result));
                }

                foreach (var change in evaluation.Changes)
                {
                    events.Add(ScoreChangedEvent.For(account.AccountId, account.Profile.Segment, evaluation.History.Day, change, model.Version, now));
                }
            }

            if (!evaluated)
            {
                // Already scored for the day from the same state: its point for the day is in the recent series.
                var today = account.Score?.Recent.LastOrDefault(p => p.Day == run.Day);
                run.Tally.Add(today?.Score, today?.Tier);
                continue;
            }

            if (final is not null)
            {
                scores.Add((account.AccountId, final, account.ETag));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        await publisher.PublishAsync(events, cancellationToken).ConfigureAwait(false);
        var (requests, changed) = await accounts.WriteScoresAsync(scores, cancellationToken).ConfigureAwait(false);
        var stored = rows.Where(r => !changed.Contains(r.AccountId)).ToList();
        requests += await history.WriteAsync(shard, stored, cancellationToken).ConfigureAwait(false);
        foreach (var (_, result) in counted.Where(c => !changed.Contains(c.AccountId)))
        {
            // Counted once stored: an account whose row changed meanwhile is scored again, and counted then.
            run.Tally.Add(result.Score, result.Tier);
            run.Sampler?.Add(result);
        }

        run.AddScored(stored.Select(r => r.AccountId).Distinct(StringComparer.Ordinal).Count(), events.Count, requests);
        return changed;
    }

    /// <summary>
    /// The account's evaluation for the day; when it was a backfill that became the stored day's baseline, also the stored
    /// day measured again against it, so its transition is found (and published) now, whichever run scored it first.
    /// </summary>
    private static IEnumerable<AccountEvaluation> Evaluate(HealthScoring.HealthModel model, AccountRecord account, DateOnly day, DateTimeOffset now,
        HealthScoring.SegmentPopulation? population, EvaluationOptions options)
    {
        if (AccountScorer.Evaluate(model, account, day, now, population, options) is not { } evaluation)
        {
            yield break;
        }

        yield return evaluation;
        if (evaluation.Snapshot is { } rebased && AccountScorer.NeedsRemeasure(rebased)
            && AccountScorer.Evaluate(model, account with { Score = rebased }, rebased.Day, now, population, options with { CheckDwell = false }) is { } again)
        {
            yield return again;
        }
    }

    private RescoreSummary Finish(Run run, long started, string function)
    {
        if (run.Scored > 0)
        {
            directory.Invalidate(); // the accounts list shows the new scores at once
        }

        var summary = new RescoreSummary(run.Day, run.Accounts, run.Scored, run.Transitions, run.Requests,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, run.Model.Version);
        if (summary.Accounts > 0)
        {
            // An idle dirty pass (every minute by default) is not worth a log line.
            LogSummary(logger, function, summary.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), summary.Accounts, summary.Scored, summary.Transitions, summary.StorageRequests, summary.DurationMs);
        }

        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} for {AsOf}: {Accounts} accounts read, {Scored} scored, {Transitions} changes published, {Requests} requests, {DurationMs} ms")]
    private static partial void LogSummary(ILogger logger, string function, string asOf, int accounts, int scored, int transitions, long requests, long durationMs);

    /// <summary>One run's counters, and the model it scores with (fixed for the run, even if another is activated meanwhile).</summary>
    private sealed class Run(DateOnly day, HealthScoring.HealthModel model)
    {
        private int _accounts;
        private int _scored;
        private int _transitions;
        private long _requests;

        public DateOnly Day { get; } = day;

        public HealthScoring.HealthModel Model { get; } = model;

        /// <summary>Segment populations to score with (null when the model needs none).</summary>
        public IReadOnlyDictionary<string, HealthScoring.SegmentPopulation>? Populations { get; set; }

        /// <summary>Samples today's populations (full runs of models that need them).</summary>
        public HealthScoring.PopulationSampler? Sampler { get; set; }

        /// <summary>The day's tier counts.</summary>
        public Accounts.PortfolioTally Tally { get; } = new();

        /// <summary>True for the daily run: dwell changes are raised.</summary>
        public bool CheckDwell { get; init; }

        /// <summary>Models of other versions that baselines were scored with, looked up once per run (null: not to be had).</summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HealthScoring.HealthModel?> _baselineModels = new(StringComparer.Ordinal);

        /// <summary>The evaluation options for a group: the baseline models its accounts need, loaded first (none on a plain day).</summary>
        public async Task<EvaluationOptions> OptionsForAsync(IReadOnlyList<AccountRecord> group, ModelVersions versions, CancellationToken cancellationToken)
        {
            foreach (var account in group)
            {
                if (AccountScorer.BaselineVersion(Model, account, Day) is { } version && !_baselineModels.ContainsKey(version))
                {
                    _baselineModels[version] = await versions.FindAsync(version, cancellationToken).ConfigureAwait(false);
                }
            }

            return new EvaluationOptions(v => _baselineModels.GetValueOrDefault(v), CheckDwell);
        }

        public HealthScoring.SegmentPopulation? PopulationOf(string? segment) =>
            Populations is { Count: > 0 } p && p.GetValueOrDefault(Model.SegmentName(segment) ?? HealthScoring.PopulationSampler.BaseSegment) is { } found ? found : null;

        public int Accounts => _accounts;

        public int Scored => _scored;

        public int Transitions => _transitions;

        public long Requests => Interlocked.Read(ref _requests);

        public void AddAccounts(int n) => Interlocked.Add(ref _accounts, n);

        public void AddRequests(long n) => Interlocked.Add(ref _requests, n);

        public void AddScored(int scored, int transitions, long requests)
        {
            Interlocked.Add(ref _scored, scored);
            Interlocked.Add(ref _transitions, transitions);
            Interlocked.Add(ref _requests, requests);
        }
    }
}
