namespace HealthFunctions.Webhooks;

/// <summary>
/// A condition: the value at <see cref="Path"/> is one of <see cref="AnyOf"/> (compared as text); for a path with array
/// steps (<c>detail.tags[]</c>), any of the values it reaches.
/// </summary>
public sealed record MatchCondition(string Path, IReadOnlyList<string> AnyOf);
