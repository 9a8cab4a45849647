namespace HealthFunctions.Webhooks;

/// <summary>
/// A signal's value: a constant, the number at a path, a lookup of the text at a path, or the hours from the time at
/// <see cref="HoursSincePath"/> to the event time; then multiplied by <see cref="Scale"/>.
/// </summary>
public sealed record ValueSpec(double? Constant, string? Path, IReadOnlyDictionary<string, double>? Map, string? HoursSincePath, double Scale);
