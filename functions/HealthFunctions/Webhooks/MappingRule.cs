namespace HealthFunctions.Webhooks;

/// <summary>
/// A rule: when every condition holds, the first account id path present names the account, and the rule yields
/// either a signal (<see cref="Metric"/> or <see cref="MetricPath"/>, with <see cref="Value"/>) or a profile update
/// (<see cref="Profile"/>: profile field to payload path).
/// </summary>
public sealed record MappingRule(
    IReadOnlyList<MatchCondition> When,
    IReadOnlyList<string> AccountIdPaths,
    string? Metric,
    string? MetricPath,
    ValueSpec? Value,
    string? TimestampPath,
    IReadOnlyDictionary<string, string>? Profile);
