namespace HealthScoring;

/// <summary>A task template a playbook creates.</summary>
/// <param name="Playbook">Playbook name, e.g. "red-recovery".</param>
/// <param name="Title">Task title.</param>
/// <param name="Description">What to do.</param>
/// <param name="DueInDays">Due this many days after the transition.</param>
/// <param name="OwnerRole">Who owns it, e.g. "csm", "am", "support-lead".</param>
public sealed record PlaybookTask(string Playbook, string Title, string Description, int DueInDays, string OwnerRole)
{
    /// <summary>The due day for a transition observed on <paramref name="day"/>.</summary>
    public DateOnly DueOn(DateOnly day) => day.AddDays(DueInDays);
}
