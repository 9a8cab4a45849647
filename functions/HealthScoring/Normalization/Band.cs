namespace HealthScoring;

/// <summary>One threshold band: raw values up to and including <see cref="UpTo"/> score <see cref="Score"/>.</summary>
/// <param name="UpTo">Inclusive upper bound; null for the last, open-ended band.</param>
/// <param name="Score">The 0-100 score of the band.</param>
public sealed record Band(double? UpTo, double Score);
