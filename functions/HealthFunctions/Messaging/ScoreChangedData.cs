using HealthScoring;

namespace HealthFunctions.Messaging;

/// <summary>The <c>data</c> of a score-change event.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Segment">Its segment.</param>
/// <param name="AsOf">The day scored.</param>
/// <param name="Kind">The change kind's wire name (<c>tier-drop</c>, ..., <c>tier-dwell</c>).</param>
/// <param name="PreviousScore">The baseline's score (for a dwell: the current one).</param>
/// <param name="PreviousTier">The baseline's tier (for a dwell: the tier it stays in).</param>
/// <param name="CurrentScore">The score now.</param>
/// <param name="CurrentTier">The tier now.</param>
/// <param name="Delta">Current minus previous score.</param>
/// <param name="Drivers">The metrics that moved most.</param>
/// <param name="ModelVersion">The model that scored it.</param>
/// <param name="Cause">What alone moved it: <c>signals</c>, <c>pulse</c>, <c>override</c>, <c>profile</c> or <c>model</c> (absent in messages from before causes: signals).</param>
/// <param name="Playbook">For a dwell: the playbook whose trigger it reached.</param>
/// <param name="DwellSince">For a dwell: the day the dwell started.</param>
/// <param name="DwellDays">For a dwell: the days in the tier since then.</param>
public sealed record ScoreChangedData(
    string AccountId,
    string? Segment,
    DateOnly AsOf,
    string Kind,
    double? PreviousScore,
    HealthTier? PreviousTier,
    double? CurrentScore,
    HealthTier? CurrentTier,
    double? Delta,
    IReadOnlyList<Driver> Drivers,
    string ModelVersion,
    string? Cause = null,
    string? Playbook = null,
    DateOnly? DwellSince = null,
    int? DwellDays = null)
{
    /// <summary>The transition this data describes (drivers as sent; no trend), for playbook rules.</summary>
    public Transition ToTransition()
    {
        TransitionKindNames.TryParse(Kind, out var kind);
        TransitionCauseNames.TryParse(Cause ?? "signals", out var cause);
        var dwell = Playbook is not null && DwellSince is { } since ? new DwellChange(Playbook, since, DwellDays ?? 0) : null;
        return new Transition(kind, [kind], PreviousScore, PreviousTier, CurrentScore, CurrentTier, Delta, null, null, Drivers, cause, dwell);
    }
}
