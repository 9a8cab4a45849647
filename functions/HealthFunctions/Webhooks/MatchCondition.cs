namespace HealthFunctions.Webhooks;

/// <summary>A condition: the value at <see cref="Path"/> is one of <see cref="AnyOf"/> (compared as text).</summary>
public sealed record MatchCondition(string Path, IReadOnlyList<string> AnyOf);
