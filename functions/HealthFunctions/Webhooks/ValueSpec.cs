namespace HealthFunctions.Webhooks;

/// <summary>
/// A signal's value: a constant; or the first of <see cref="Sources"/> present in the payload (a number, or text looked up
/// in <see cref="Map"/>), a source being one path or the sum of the numbers an array path reaches; or the hours from the
/// time at <see cref="HoursSincePath"/> to the event time. Then multiplied by <see cref="Scale"/>. When nothing is present
/// the rule is skipped and reported, unless the value is <see cref="Optional"/> (then the rule simply yields nothing).
/// </summary>
public sealed record ValueSpec(
    double? Constant,
    IReadOnlyList<ValueSource> Sources,
    IReadOnlyDictionary<string, double>? Map,
    string? HoursSincePath,
    double Scale,
    bool Optional)
{
    /// <summary>A constant value.</summary>
    public static ValueSpec Of(double constant) => new(constant, [], null, null, 1, false);
}
