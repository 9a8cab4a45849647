using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Rescoring;

/// <summary>
/// Scores one account for one day: pure, so the daily run, the run after new signals and a backfill share it.
/// The baseline a transition is measured against is the last result of an earlier day, so rescoring the same
/// day again compares with the same baseline and publishes a kind at most once a day. A backfill that produces a later
/// earlier-day result than the baseline (or the first one) replaces it (<see cref="NeedsRemeasure"/>).
/// </summary>
public static class AccountScorer
{
    /// <summary>A state version no account row has (rows count from 1): the snapshot is not current for any state.</summary>
    private const long RemeasureVersion = -1;

    /// <summary>Change kinds worth a message.</summary>
    public static bool IsNotable(TransitionKind kind) =>
        kind is TransitionKind.TierDrop or TransitionKind.TierRise or TransitionKind.SharpDecline or TransitionKind.Recovered;

    /// <summary>
    /// Evaluates an account, or returns null when its stored score for <paramref name="day"/> was computed from
    /// the same state with the same model version (nothing to do). The account's pulse and override are applied while
    /// active; <paramref name="population"/> is its segment's distribution, for percentile normalizers and median fill.
    /// </summary>
    public static AccountEvaluation? Evaluate(HealthModel model, AccountRecord account, DateOnly day, DateTimeOffset now,
        SegmentPopulation? population = null)
    {
        var stored = account.Score;
        if (stored is not null && stored.Day == day && stored.StateVersion == account.StateVersion
            && stored.Result.Value.ModelVersion == model.Version)
        {
            return null;
        }

        var backfill = stored is not null && day < stored.Day;
        // Kept in stored form: passed on as the new snapshot's "previous" without compressing it again.
        var baselineStored = stored is null || backfill ? null : stored.Day == day ? stored.Previous : stored.Result;
        var baseline = baselineStored?.Value;
        var recent = (stored?.Recent ?? []).Where(p => p.Day < day).ToList();
        var profile = new AccountProfile(account.AccountId, account.Profile.Segment, account.Profile.LifecycleStage);
        var csm = account.Csm ?? CsmInputs.None;
        var inputs = new ScoringInputs(PreviousTier: baseline?.Tier, Override: csm.Override, Pulse: csm.Pulse, Population: population);
        var result = ScoringEngine.Score(model, profile, account.State.DecodeHistory(), day, inputs);
        var transition = TransitionClassifier.Classify(baseline, result, recent, model.Transitions);
        var components = result.Components.ToDictionary(c => c.Name, c => c.Score, StringComparer.Ordinal);
        var history = new HistoryRow(account.AccountId, day, result.Score, result.Tier, result.Coverage, result.ModelVersion,
            transition.WireName, components, now);
        if (backfill)
        {
            return new AccountEvaluation(account.AccountId, Rebase(stored!, result), history, transition, Publish: false, result);
        }

        var published = stored is not null && stored.Day == day ? stored.PublishedKinds : [];
        var publish = IsNotable(transition.Kind) && !published.Contains(transition.WireName, StringComparer.Ordinal);
        var keepDays = Math.Max(model.Transitions.RecoveryLookbackDays, Math.Max(model.Transitions.SharpDeclineDays, model.Transitions.TrendComparisonDays));
        var series = recent.Where(p => p.Day > day.AddDays(-keepDays)).Append(ScorePoint.From(result)).ToList();
        var snapshot = new ScoreSnapshot(day, StoredResult.Of(result), account.StateVersion, now, baselineStored, series,
            publish ? [.. published, transition.WireName] : published);
        return new AccountEvaluation(account.AccountId, snapshot, history, transition, publish, result);
    }

    /// <summary>
    /// After a backfill of an earlier day: when that day is the stored day's baseline or later (or the stored day has none,
    /// as when a dirty pass scored today before the history was scored), its result becomes the stored day's baseline,
    /// and the snapshot returned must be measured again (<see cref="NeedsRemeasure"/>) so that the stored day's transition
    /// is the one against the latest earlier result, whatever order the runs came in. Null when the baseline stays.
    /// </summary>
    private static ScoreSnapshot? Rebase(ScoreSnapshot stored, HealthResult backfilled)
    {
        if (stored.Previous is { } previous && previous.Value.AsOf > backfilled.AsOf)
        {
            return null;
        }

        var recent = stored.Recent.Where(p => p.Day != backfilled.AsOf).Append(ScorePoint.From(backfilled)).OrderBy(p => p.Day).ToList();
        return stored with { Previous = StoredResult.Of(backfilled), Recent = recent, StateVersion = RemeasureVersion };
    }

    /// <summary>True for a snapshot whose baseline a backfill replaced: score its day again before storing it.</summary>
    public static bool NeedsRemeasure(ScoreSnapshot snapshot) => snapshot.StateVersion == RemeasureVersion;
}
