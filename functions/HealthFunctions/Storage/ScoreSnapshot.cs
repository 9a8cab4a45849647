using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>
/// An account's current score as stored on its row: the result for <see cref="Day"/>, the state version it
/// was computed from (so a rerun with nothing new skips it), the baseline it is compared with (the last
/// result from an earlier day), a recent series for sharp-decline checks, dwell and trends, and the keys of the transitions
/// already published for <see cref="Day"/> (<see cref="Transition.Key"/>; so a rerun sends nothing twice).
/// </summary>
/// <param name="Day">The day scored.</param>
/// <param name="Result">The result.</param>
/// <param name="StateVersion">The state version it was computed from.</param>
/// <param name="ComputedAt">When.</param>
/// <param name="Previous">The baseline: the last result of an earlier day.</param>
/// <param name="Recent">Score points of recent days (this one included).</param>
/// <param name="PublishedKinds">
/// Transition keys published for <see cref="Day"/> ("tier-drop:Green:Red:signals"). A row written before keys existed
/// holds bare kinds ("tier-drop"), each of which stands for every key of that kind.
/// </param>
public sealed record ScoreSnapshot(
    DateOnly Day,
    StoredResult Result,
    long StateVersion,
    DateTimeOffset ComputedAt,
    StoredResult? Previous,
    IReadOnlyList<ScorePoint> Recent,
    IReadOnlyList<string> PublishedKinds)
{
    /// <summary>The dwell episodes already published (their <see cref="Transition.Key"/>s), kept while the account stays in that tier.</summary>
    public IReadOnlyList<string> Dwells { get; init; } = [];
}
