namespace HealthScoring;

/// <summary>One level of a <see cref="CategoricalNormalizer"/>: the raw value that stands for it, its score and a readable label.</summary>
/// <param name="Value">The raw value (a code posted as the signal's value, e.g. 1 for "owner").</param>
/// <param name="Score">The 0-100 score of the level.</param>
/// <param name="Label">A name for explanations (e.g. "owner"); null to show the value.</param>
public sealed record Level(double Value, double Score, string? Label = null)
{
    /// <summary>The label, or the value when there is none.</summary>
    public string Name => Label ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
