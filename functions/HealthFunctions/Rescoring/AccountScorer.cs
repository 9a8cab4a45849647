using System.Globalization;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Rescoring;

/// <summary>
/// Scores one account for one day: pure, so the daily run, the run after new signals and a backfill share it.
/// The baseline a transition is measured against is the last result of an earlier day, so rescoring the same
/// day again compares with the same baseline, and a day's final state does not depend on how many passes ran. A
/// transition's identity is its <see cref="Transition.Key"/> (kind, previous tier, current tier, cause): Green→Yellow and,
/// later that day, Green→Red are two messages; a transition of the same kind to the same tier for the same cause is
/// published once a day (whatever baseline it was measured from: see <see cref="PublishedKeys"/>). The cause comes from
/// <see cref="ChangeCauses"/>. A backfill that produces a later earlier-day result than the baseline (or the first one)
/// replaces it (<see cref="NeedsRemeasure"/>). The daily run also raises the dwell changes due
/// (<see cref="TierDwell"/>), once per dwell episode.
/// </summary>
public static class AccountScorer
{
    /// <summary>A state version no account row has (rows count from 1): the snapshot is not current for any state.</summary>
    private const long RemeasureVersion = -1;

    /// <summary>Dwell episodes kept on a row (the newest).</summary>
    private const int MaxDwells = 8;

    /// <summary>Change kinds worth a message.</summary>
    public static bool IsNotable(TransitionKind kind) => kind.IsNotable();

    /// <summary>
    /// Evaluates an account, or returns null when its stored score for <paramref name="day"/> was computed from
    /// the same state with the same model version (nothing to do; unless <paramref name="options"/> checks dwell and a
    /// dwell is due). The account's pulse and override are applied while active; <paramref name="population"/> is its
    /// segment's distribution, for percentile normalizers and median fill.
    /// </summary>
    public static AccountEvaluation? Evaluate(HealthModel model, AccountRecord account, DateOnly day, DateTimeOffset now,
        SegmentPopulation? population = null, EvaluationOptions? options = null)
    {
        options ??= EvaluationOptions.None;
        var stored = account.Score;
        if (IsCurrent(model, account, day) && !(options.CheckDwell && DwellDue(model, account, stored!, stored!.Recent, stored.Result.Value.Tier, day).Any()))
        {
            return null;
        }

        var backfill = stored is not null && day < stored.Day;
        // Kept in stored form: passed on as the new snapshot's "previous" without compressing it again.
        var baselineStored = BaselineOf(stored, day);
        var baseline = baselineStored?.Value;
        var recent = (stored?.Recent ?? []).Where(p => p.Day < day).ToList();
        var profile = new AccountProfile(account.AccountId, account.Profile.Segment, account.Profile.LifecycleStage);
        var csm = account.Csm ?? CsmInputs.None;
        var inputs = new ScoringInputs(PreviousTier: baseline?.Tier, Override: csm.Override, Pulse: csm.Pulse, Population: population);
        var signals = account.State.DecodeHistory();
        var result = ScoringEngine.Score(model, profile, signals, day, inputs);
        var transition = TransitionClassifier.Classify(baseline, result, recent, model.Transitions);
        if (!backfill && transition.Kind.IsNotable() && baseline is not null)
        {
            var baselineModel = baseline.ModelVersion == model.Version ? model : options.ModelOf?.Invoke(baseline.ModelVersion);
            transition = transition with
            {
                Cause = ChangeCauses.Find(model, baselineModel, new ScoringCase(profile, signals, day, inputs), baseline, result, transition, recent),
            };
        }

        var components = result.Components.ToDictionary(c => c.Name, c => c.Score, StringComparer.Ordinal);
        var history = new HistoryRow(account.AccountId, day, result.Score, result.Tier, result.Coverage, result.ModelVersion,
            transition.WireName, components, now);
        if (backfill)
        {
            return new AccountEvaluation(account.AccountId, Rebase(stored!, result), history, transition, Publish: false, result);
        }

        var published = stored is not null && stored.Day == day ? stored.PublishedKinds : [];
        var publish = transition.Kind.IsNotable() && !PublishedKeys.Covers(published, transition);
        var series = recent.Where(p => p.Day > day.AddDays(-KeepDays(model))).Append(ScorePoint.From(result)).ToList();
        var dwells = (stored?.Dwells ?? []).Where(k => PublishedKeys.DwellTier(k) == result.Tier).ToList();
        var raised = new List<Transition>();
        if (options.CheckDwell)
        {
            foreach (var due in DwellDue(model, account, stored, series, result.Tier, day))
            {
                var dwell = TierDwell.ToTransition(due, result);
                raised.Add(dwell);
                dwells.Add(dwell.Key);
            }
        }

        var snapshot = new ScoreSnapshot(day, StoredResult.Of(result), account.StateVersion, now, baselineStored, series,
            publish ? [.. published, transition.Key] : published)
        {
            Dwells = dwells.Count > MaxDwells ? dwells[^MaxDwells..] : dwells,
        };
        return new AccountEvaluation(account.AccountId, snapshot, history, transition, publish, result) { Dwells = raised };
    }

    /// <summary>
    /// The model version of the baseline an evaluation of <paramref name="account"/> would measure from, when it is not
    /// <paramref name="model"/>'s (so the caller can load that model for the cause), or null: no baseline, the same model,
    /// or nothing to evaluate. Reads no more than the evaluation itself does.
    /// </summary>
    public static string? BaselineVersion(HealthModel model, AccountRecord account, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(account);
        if (account.Score is not { } stored || day < stored.Day || IsCurrent(model, account, day))
        {
            return null;
        }

        var version = BaselineOf(stored, day)?.Value.ModelVersion;
        return version == model.Version ? null : version;
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

    /// <summary>Whether the stored score is for <paramref name="day"/>, from the same state and model (a rerun skips it).</summary>
    private static bool IsCurrent(HealthModel model, AccountRecord account, DateOnly day) =>
        account.Score is { } stored && stored.Day == day && stored.StateVersion == account.StateVersion
        && stored.Result.Value.ModelVersion == model.Version;

    /// <summary>The result a transition on <paramref name="day"/> is measured from: the last result of an earlier day.</summary>
    private static StoredResult? BaselineOf(ScoreSnapshot? stored, DateOnly day) =>
        stored is null || day < stored.Day ? null : stored.Day == day ? stored.Previous : stored.Result;

    /// <summary>The dwell changes due for an account in <paramref name="tier"/> on <paramref name="day"/> and not yet published.</summary>
    private static IEnumerable<DwellChange> DwellDue(HealthModel model, AccountRecord account, ScoreSnapshot? stored, IReadOnlyList<ScorePoint> series,
        HealthTier? tier, DateOnly day)
    {
        var published = stored?.Dwells ?? [];
        return TierDwell.Due(model.Playbooks, tier, series, day, account.DwellResets)
            .Where(d => !published.Contains(PublishedKeys.DwellKey(tier!.Value, d), StringComparer.Ordinal));
    }

    /// <summary>Days of score points kept: enough for sharp declines, recoveries, the trend arrow and the longest dwell.</summary>
    private static int KeepDays(HealthModel model)
    {
        var t = model.Transitions;
        var dwell = model.Playbooks.DwellRules.Count == 0 ? 0 : model.Playbooks.DwellRules.Max(r => r.Dwell!.Days) + 1;
        return Math.Max(Math.Max(t.RecoveryLookbackDays, dwell), Math.Max(t.SharpDeclineDays, t.TrendComparisonDays));
    }
}

/// <summary>How an evaluation reaches beyond the account row.</summary>
/// <param name="ModelOf">Finds a model by version (the baseline's, when another model scored it), or null when it cannot be had.</param>
/// <param name="CheckDwell">True in the daily run: raise the dwell changes due (also for an account already scored today).</param>
public sealed record EvaluationOptions(Func<string, HealthModel?>? ModelOf = null, bool CheckDwell = false)
{
    /// <summary>No model lookup, no dwell check.</summary>
    public static EvaluationOptions None { get; } = new();
}

/// <summary>Transition keys as the account row keeps them (<see cref="ScoreSnapshot.PublishedKinds"/>, <see cref="ScoreSnapshot.Dwells"/>).</summary>
public static class PublishedKeys
{
    /// <summary>
    /// Whether <paramref name="published"/> (the keys published for the day) already covers <paramref name="transition"/>:
    /// a key of the same kind, current tier and cause. The previous tier does not take part: every pass of one day measures
    /// from the same baseline, so it can only differ after a backfill replaced the baseline (a rebase), and a consumer that
    /// was told "dropped to Red" needs no second message saying it dropped to Red from another tier. A bare kind (a row
    /// written before keys existed) covers every key of that kind.
    /// </summary>
    public static bool Covers(IReadOnlyList<string> published, Transition transition)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(transition);
        var key = transition.Key.Split(':');
        foreach (var entry in published)
        {
            var parts = entry.Split(':');
            if (parts.Length == 1 ? parts[0] == key[0] : parts.Length == 4 && parts[0] == key[0] && parts[2] == key[2] && parts[3] == key[3])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The key of a dwell change (<see cref="Transition.Key"/> of <see cref="TierDwell.ToTransition"/>).</summary>
    public static string DwellKey(HealthTier tier, DwellChange dwell)
    {
        ArgumentNullException.ThrowIfNull(dwell);
        return $"{TransitionKind.TierDwell.ToWireName()}:{tier}:{dwell.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{dwell.Playbook}";
    }

    /// <summary>The tier of a dwell key, or null.</summary>
    public static HealthTier? DwellTier(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(':', 3);
        return parts.Length == 3 && EnumText.TryParse<HealthTier>(parts[1], out var tier) ? tier : null;
    }
}
