using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Rescoring;

/// <summary>
/// What rescoring one account produced: the snapshot to store (for a backfill of an earlier day, null unless it became the
/// stored day's baseline), its history row, the day's transition and whether to publish it, the dwell changes the daily
/// run raised (<see cref="Dwells"/>), and the result itself (for the segment population). <see cref="Changes"/> is every
/// change to publish.
/// </summary>
public sealed record AccountEvaluation(string AccountId, ScoreSnapshot? Snapshot, HistoryRow History, Transition Transition, bool Publish, HealthResult Result)
{
    /// <summary>Dwell changes due (kind <c>tier-dwell</c>), each published once per dwell episode.</summary>
    public IReadOnlyList<Transition> Dwells { get; init; } = [];

    /// <summary>The changes to publish: the transition when <see cref="Publish"/>, then the dwell changes.</summary>
    public IReadOnlyList<Transition> Changes => Publish ? [Transition, .. Dwells] : Dwells;
}
