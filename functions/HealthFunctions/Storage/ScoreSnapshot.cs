using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>
/// An account's current score as stored on its row: the result for <see cref="Day"/>, the state version it
/// was computed from (so a rerun with nothing new skips it), the baseline it is compared with (the last
/// result from an earlier day), a recent series for sharp-decline checks, and the change kinds already
/// published for <see cref="Day"/> (so a rerun sends nothing twice).
/// </summary>
public sealed record ScoreSnapshot(
    DateOnly Day,
    StoredResult Result,
    long StateVersion,
    DateTimeOffset ComputedAt,
    StoredResult? Previous,
    IReadOnlyList<ScorePoint> Recent,
    IReadOnlyList<string> PublishedKinds);
