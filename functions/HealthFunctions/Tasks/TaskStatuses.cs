namespace HealthFunctions.Tasks;

/// <summary>The statuses a playbook task can have.</summary>
public static class TaskStatuses
{
    /// <summary>To do.</summary>
    public const string Open = "open";

    /// <summary>Completed.</summary>
    public const string Done = "done";

    /// <summary>Not worth doing.</summary>
    public const string Dismissed = "dismissed";

    /// <summary>Every status.</summary>
    public static readonly IReadOnlyList<string> All = [Open, Done, Dismissed];
}
