namespace HealthScoring;

/// <summary>
/// A rule: when a transition's kind, current tier and cause match (or the account reached the rule's dwell), the
/// playbook's tasks apply.
/// </summary>
/// <param name="Playbook">Playbook name.</param>
/// <param name="Kinds">Transition kinds that trigger it (empty: any, unless the rule has a <paramref name="Dwell"/>: then none).</param>
/// <param name="Tiers">Current tiers it applies to (empty: any, including none).</param>
/// <param name="Tasks">Task templates.</param>
/// <param name="Causes">Causes it acts on; null: the default (<see cref="DefaultAllows"/>).</param>
/// <param name="Dwell">A dwell trigger: the rule also fires once an account has stayed in a tier this long.</param>
public sealed record PlaybookRule(
    string Playbook,
    IReadOnlyList<TransitionKind> Kinds,
    IReadOnlyList<HealthTier> Tiers,
    IReadOnlyList<PlaybookTask> Tasks,
    IReadOnlyList<TransitionCause>? Causes = null,
    DwellTrigger? Dwell = null)
{
    /// <summary>
    /// Whether the rule applies to <paramref name="transition"/>: a change by its primary kind, current tier and cause; a
    /// <see cref="TransitionKind.TierDwell"/> only when it is this rule's own dwell (same playbook and tier).
    /// </summary>
    public bool Matches(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (!CauseAllowed(transition))
        {
            return false;
        }

        if (transition.Kind == TransitionKind.TierDwell)
        {
            return Dwell is { } d && transition.Dwell is { } seen && seen.Playbook == Playbook && transition.CurrentTier == d.Tier;
        }

        var kindOk = Kinds.Count == 0 ? Dwell is null : Kinds.Contains(transition.Kind);
        var tierOk = Tiers.Count == 0 || (transition.CurrentTier is { } tier && Tiers.Contains(tier));
        return kindOk && tierOk;
    }

    /// <summary>Whether the rule acts on the transition's cause.</summary>
    public bool CauseAllowed(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return Causes is null ? DefaultAllows(transition) : Causes.Contains(transition.Cause);
    }

    /// <summary>
    /// The causes a rule without <c>"causes"</c> acts on: anything but a model activation, and, for a rise
    /// (<c>tier-rise</c>, <c>recovered</c>), anything but a manual override (a CSM's override to Green is not an expansion
    /// signal; a CSM's override down to Red does start recovery).
    /// </summary>
    public static bool DefaultAllows(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return transition.Cause switch
        {
            TransitionCause.Model => false,
            TransitionCause.Override => transition.Kind is not (TransitionKind.TierRise or TransitionKind.Recovered),
            _ => true,
        };
    }
}
