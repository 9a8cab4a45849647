namespace HealthScoring;

/// <summary>A rule: when a transition's kind and current tier match, the playbook's tasks apply.</summary>
/// <param name="Playbook">Playbook name.</param>
/// <param name="Kinds">Transition kinds that trigger it (empty: any).</param>
/// <param name="Tiers">Current tiers it applies to (empty: any, including none).</param>
/// <param name="Tasks">Task templates.</param>
public sealed record PlaybookRule(
    string Playbook,
    IReadOnlyList<TransitionKind> Kinds,
    IReadOnlyList<HealthTier> Tiers,
    IReadOnlyList<PlaybookTask> Tasks)
{
    /// <summary>Whether the rule applies to <paramref name="transition"/> (by its primary kind).</summary>
    public bool Matches(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var kindOk = Kinds.Count == 0 || Kinds.Contains(transition.Kind);
        var tierOk = Tiers.Count == 0 || (transition.CurrentTier is { } tier && Tiers.Contains(tier));
        return kindOk && tierOk;
    }
}
