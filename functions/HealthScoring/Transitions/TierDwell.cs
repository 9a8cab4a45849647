namespace HealthScoring;

/// <summary>
/// How long an account has been in its tier, and which playbook dwell triggers (<see cref="DwellTrigger"/>) it has reached.
/// Pure: the series is the account's stored score points (any order); a day without a point continues the run around it.
/// </summary>
public static class TierDwell
{
    /// <summary>
    /// The first day of the account's current run in <paramref name="tier"/> up to <paramref name="asOf"/>: walking back
    /// from the latest point on or before that day while the points hold the tier; null when the latest point is not in it.
    /// </summary>
    public static DateOnly? Since(IReadOnlyList<ScorePoint> series, HealthTier tier, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(series);
        DateOnly? since = null;
        foreach (var point in series.Where(p => p.Day <= asOf).OrderByDescending(p => p.Day))
        {
            if (point.Tier != tier)
            {
                break;
            }

            since = point.Day;
        }

        return since;
    }

    /// <summary>
    /// The dwell changes due on <paramref name="asOf"/> for an account in <paramref name="tier"/>: one per rule whose dwell
    /// tier it is in and whose days it has spent there, counted from the day it entered the tier or, when later, the day a
    /// CSM closed that playbook's task (<paramref name="resets"/>, by playbook), which restarts the clock.
    /// </summary>
    public static IReadOnlyList<DwellChange> Due(PlaybookRules rules, HealthTier? tier, IReadOnlyList<ScorePoint> series, DateOnly asOf,
        IReadOnlyDictionary<string, DateOnly>? resets)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (tier is not { } current || rules.DwellRules.Count == 0 || Since(series, current, asOf) is not { } since)
        {
            return [];
        }

        List<DwellChange>? due = null;
        foreach (var rule in rules.DwellRules)
        {
            if (rule.Dwell!.Tier != current)
            {
                continue;
            }

            var start = resets is not null && resets.TryGetValue(rule.Playbook, out var reset) && reset > since ? reset : since;
            var days = asOf.DayNumber - start.DayNumber;
            if (days >= rule.Dwell.Days)
            {
                (due ??= []).Add(new DwellChange(rule.Playbook, start, days));
            }
        }

        return due ?? (IReadOnlyList<DwellChange>)[];
    }

    /// <summary>The transition announcing a dwell: kind <see cref="TransitionKind.TierDwell"/>, the tier on both sides.</summary>
    public static Transition ToTransition(DwellChange dwell, HealthResult current)
    {
        ArgumentNullException.ThrowIfNull(dwell);
        ArgumentNullException.ThrowIfNull(current);
        var cause = current.OverrideApplied is null ? TransitionCause.Signals : TransitionCause.Override;
        return new Transition(TransitionKind.TierDwell, [TransitionKind.TierDwell], current.Score, current.Tier, current.Score, current.Tier,
            0, null, null, [], cause, dwell);
    }
}
