namespace HealthFunctions.Tasks;

/// <summary>
/// A playbook task created for an account by a score change: one per playbook and change, with the playbook's
/// steps. Due on the earliest step's day; owned by the first step's role (and the account's owner, if known). A CSM
/// changes its status, owner and note (<c>PATCH /api/tasks/{id}</c>); <see cref="Changes"/> keeps the history.
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
    IReadOnlyList<TaskChange>? Changes = null);
