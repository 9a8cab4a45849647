using System.Diagnostics;
using HealthFunctions.Messaging;
using HealthFunctions.Scoring;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Rescoring;

/// <summary>
/// Rescoring: every account (the daily timer and <c>POST /api/ops/rescore</c>), or those with new signals
/// (the short timer). Streams pages of 1,000 account rows, scores them in shard groups of up to 100 with
/// bounded parallelism, publishes the changes, then merges the scores and writes the history in batches.
/// Publishing comes before the write: a crash in between republishes the same message ids, which duplicate
/// detection drops, and a rerun of the same day skips accounts whose state and model have not changed.
/// Failures surface: a run that cannot write fails, and the next run resumes.
/// </summary>
public sealed partial class RescoreService(
    AccountStore accounts,
    HistoryStore history,
    ScoreChangePublisher publisher,
    ModelProvider models,
    ModelStore modelStore,
    TimeProvider clock,
    IOptions<PipelineOptions> options,
    ILogger<RescoreService> logger)
{
    /// <summary>Rescores every account as of <paramref name="asOf"/> (default: today, UTC).</summary>
    public async Task<RescoreSummary> RescoreAllAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var day = asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await modelStore.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var run = new Run(day, models.Current);
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
        return Finish(run, started, "RescoreAll");
    }

    /// <summary>Rescores, as of today, the accounts that received signals since they were last scored.</summary>
    public async Task<RescoreSummary> RescoreDirtyAsync(CancellationToken cancellationToken)
    {
        await modelStore.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var run = new Run(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), models.Current);
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

    private async Task ProcessGroupAsync(List<AccountRecord> group, Run run, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var model = run.Model;
        var now = clock.GetUtcNow();
        var scores = new List<(string, ScoreSnapshot)>(group.Count);
        var rows = new List<HistoryRow>(group.Count);
        var events = new List<ScoreChangedEvent>();
        foreach (var account in group)
        {
            var evaluation = AccountScorer.Evaluate(model, account, run.Day, now);
            if (evaluation is null)
            {
                continue;
            }

            rows.Add(evaluation.History);
            if (evaluation.Snapshot is { } snapshot)
            {
                scores.Add((account.AccountId, snapshot));
            }

            if (evaluation.Publish)
            {
                events.Add(ScoreChangedEvent.For(account.AccountId, account.Profile.Segment, run.Day, evaluation.Transition, model.Version, now));
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        await publisher.PublishAsync(events, cancellationToken).ConfigureAwait(false);
        var shard = AccountKeys.Shard(group[0].AccountId);
        var written = await Task.WhenAll(
            accounts.WriteScoresAsync(scores, cancellationToken),
            history.WriteAsync(shard, rows, cancellationToken)).ConfigureAwait(false);
        run.AddScored(rows.Count, events.Count, written.Sum());
    }

    private RescoreSummary Finish(Run run, long started, string function)
    {
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
