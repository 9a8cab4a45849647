using Azure;

namespace HealthFunctions.Storage;

/// <summary>
/// An account row as read: profile, signal state, the state's version (bumped by every signal or profile
/// write), the current score if any, the ETag that guards the next write, the CSM's pulse and override, and when the
/// profile was last set. <see cref="State"/> holds the months scoring reads; older months (and, for a very large account,
/// live ones that did not fit) are in month rows listed by <see cref="Paged"/> (<see cref="AccountStore.ReadSignalsAsync"/>
/// reads them).
/// </summary>
public sealed record AccountRecord(
    string AccountId,
    AccountProfileData Profile,
    StoredSignalState State,
    long StateVersion,
    DateTimeOffset? LastSignalAt,
    ScoreSnapshot? Score,
    ETag ETag,
    CsmInputs? Csm = null,
    DateTimeOffset? ProfileUpdatedAt = null)
{
    /// <summary>The months stored in month rows of their own.</summary>
    public PagedMonths Paged { get; init; } = PagedMonths.None;

    /// <summary>
    /// By playbook, the day a CSM last closed (completed or dismissed) a task of a playbook with a dwell trigger: its dwell
    /// clock restarts then (column <c>DwellResets</c>, written by <c>PATCH /api/tasks/{id}</c>).
    /// </summary>
    public IReadOnlyDictionary<string, DateOnly>? DwellResets { get; init; }
}
