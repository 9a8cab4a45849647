using HealthFunctions.Calibration;
using HealthFunctions.Calibration.Jobs;
using HealthFunctions.Errors;
using HealthFunctions.Rescoring;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;
using HealthScoring;
using HealthScoring.Calibration;

namespace HealthFunctions.Scoring;

/// <summary>
/// Runs a <c>preview</c> job (<see cref="ActivationPreview"/>): reads every account as the daily rescore does and evaluates
/// it with the previewed model as the first rescore after its activation would (<see cref="AccountScorer"/>, with the same
/// causes), measured from the account's current result, then matches the changes to the previewed model's playbook rules,
/// skipping playbooks the account has open. Writes nothing but the job's result (and its backtest figures on the proposal).
/// </summary>
public sealed class PreviewService(
    AccountStore accounts,
    Accounts.AccountDirectory directory,
    TaskStore tasks,
    ModelStore store,
    ModelProvider provider,
    ModelVersions versions,
    BacktestService backtests,
    TimeProvider clock)
{
    /// <summary>Previews the activation of the job's model.</summary>
    public async Task<ActivationPreview> RunAsync(JobRecord job, IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var version = job.Request.ModelVersion ?? throw new InvalidOperationException("A preview job names its model.");
        await store.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var active = provider.Current;
        var proposed = await versions.FindAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No model has version '{version}' any more.");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var open = new HashSet<(string, string)>();
        await foreach (var t in tasks.ListAsync(null, TaskStatuses.Open, cancellationToken).ConfigureAwait(false))
        {
            open.Add((t.AccountId, t.Playbook));
        }

        var total = 0;
        await foreach (var _ in directory.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            total++;
        }

        var changes = new Dictionary<(string From, string To), int>();
        var byPlaybook = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var baselineModels = new Dictionary<string, HealthModel?>(StringComparer.Ordinal) { [active.Version] = active };
        int count = 0, drops = 0, rises = 0;
        progress?.Report(new CalibrationProgress("previewing", 0, total));
        await foreach (var page in accounts.ScanAsync(today, cancellationToken).ConfigureAwait(false))
        {
            foreach (var account in page)
            {
                count++;
                var measured = FromWhatIsShown(account, today);
                if (AccountScorer.BaselineVersion(proposed, measured, today) is { } other && !baselineModels.ContainsKey(other))
                {
                    baselineModels[other] = await versions.FindAsync(other, cancellationToken).ConfigureAwait(false);
                }

                var options = new EvaluationOptions(v => baselineModels.GetValueOrDefault(v));
                if (AccountScorer.Evaluate(proposed, measured, today, now, null, options) is not { } evaluation)
                {
                    continue; // already scored today by this very model
                }

                var before = account.Score?.Result.Value.Tier;
                var after = evaluation.Result.Tier;
                if (before != after && (before is not null || after is not null))
                {
                    var key = (before?.ToString() ?? "Unscored", after?.ToString() ?? "Unscored");
                    changes[key] = changes.GetValueOrDefault(key) + 1;
                    drops += before is { } b && after is { } a && a < b ? 1 : 0;
                    rises += before is { } b2 && after is { } a2 && a2 > b2 ? 1 : 0;
                }

                foreach (var change in evaluation.Changes)
                {
                    foreach (var playbook in proposed.Playbooks.Match(change).Select(t => t.Playbook).Distinct(StringComparer.Ordinal))
                    {
                        if (open.Add((account.AccountId, playbook)))
                        {
                            byPlaybook[playbook] = byPlaybook.GetValueOrDefault(playbook) + 1;
                        }
                    }
                }
            }

            progress?.Report(new CalibrationProgress("previewing", count, Math.Max(total, count)));
        }

        var request = job.Request with { Kind = JobKind.Backtest };
        var activeBacktest = await backtests.BacktestAsync(active, request, progress, cancellationToken).ConfigureAwait(false);
        var proposedBacktest = await backtests.BacktestAsync(proposed, request, progress, cancellationToken).ConfigureAwait(false);
        var concerns = await ConcernsAsync(version, active.Version, activeBacktest, proposedBacktest, cancellationToken).ConfigureAwait(false);
        return new ActivationPreview(version, active.Version, count,
            changes.OrderBy(c => c.Key.From, StringComparer.Ordinal).ThenBy(c => c.Key.To, StringComparer.Ordinal)
                .Select(c => new TierChangeCount(c.Key.From, c.Key.To, c.Value)).ToList(),
            drops, rises, byPlaybook.Values.Sum(), byPlaybook, new PreviewBacktests(activeBacktest, proposedBacktest), concerns.Count == 0, concerns);
    }

    /// <summary>
    /// The account with its current result as the baseline: the activation's changes are measured from what the CSM sees
    /// now (a score of today counts as the day before's, so its transition, already published, is not counted again), the
    /// way the first rescore after the activation measures them from its last result.
    /// </summary>
    private static AccountRecord FromWhatIsShown(AccountRecord account, DateOnly today) =>
        account.Score is { } shown && shown.Day == today
            ? account with { Score = shown with { Day = today.AddDays(-1), PublishedKinds = [], Recent = [.. shown.Recent.Where(p => p.Day < today)] } }
            : account;

    /// <summary>
    /// The proposal's concerns, once this preview's backtest of it beside the active model (at the first lead time both
    /// could score) is recorded on it, so that the activation, <c>GET /api/models</c> and this preview say the same.
    /// A previewed model that is no stored proposal (the baseline) has none.
    /// </summary>
    private async Task<IReadOnlyList<ModelConcern>> ConcernsAsync(string version, string activeVersion, BacktestReport active, BacktestReport proposed,
        CancellationToken cancellationToken)
    {
        var pair = active.LeadTimes.Zip(proposed.LeadTimes).FirstOrDefault(p => p.First.Auc is not null && p.Second.Auc is not null);
        if (pair != default && version != activeVersion)
        {
            await store.SetPreviewAsync(version, new PreviewFigures(activeVersion, pair.First.Auc, pair.Second.Auc, pair.First.TopDecileLift, pair.Second.TopDecileLift),
                cancellationToken).ConfigureAwait(false);
        }

        return (await store.ProposalAsync(version, cancellationToken).ConfigureAwait(false))?.Concerns ?? [];
    }
}
