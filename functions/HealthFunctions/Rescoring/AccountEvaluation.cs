using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Rescoring;

/// <summary>
/// What rescoring one account produced: the snapshot to store (for a backfill of an earlier day, null unless it became the
/// stored day's baseline), its history row, the transition to publish, if any, and the result itself (for the segment
/// population).
/// </summary>
public sealed record AccountEvaluation(string AccountId, ScoreSnapshot? Snapshot, HistoryRow History, Transition Transition, bool Publish, HealthResult Result);
