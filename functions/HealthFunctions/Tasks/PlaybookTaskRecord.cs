namespace HealthFunctions.Tasks;

/// <summary>
/// A playbook task created for an account by a score change: one per playbook and change, with the playbook's
/// steps. Due on the earliest step's day; owned by the first step's role (and the account's owner, if known). A CSM
/// changes its status, owner and note (<c>PATCH /api/tasks/{id}</c>); <see cref="Changes"/> keeps the newest of its history
/// (within what a table property holds) and <see cref="DroppedChanges"/> counts the older ones let go.
/// </summary>
public sealed record PlaybookTaskRecord(
    string TaskId,
    string AccountId,
    string Playbook,
    string Title,
    string OwnerRole,
    string? Owner,
    DateOnly DueOn,
    string Status,
    string TransitionKind,
    string EventId,
    DateTimeOffset CreatedAt,
    bool Notified,
    IReadOnlyList<TaskStep> Steps,
    string? Note = null,
    DateTimeOffset? UpdatedAt = null,
    IReadOnlyList<TaskChange>? Changes = null)
{
    /// <summary>What caused the change that opened it (<c>signals</c>, <c>pulse</c>, <c>override</c>, <c>profile</c>, <c>model</c>); null on tasks from before causes.</summary>
    public string? Cause { get; init; }

    /// <summary>The model version that scored the change that opened it.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>How many of the oldest changes the history let go (it keeps the newest within a table property's size).</summary>
    public int DroppedChanges { get; init; }
}
