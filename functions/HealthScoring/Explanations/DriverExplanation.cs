namespace HealthScoring;

/// <summary>A metric that moved the score, in numbers and in words.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="Component">Path of the component holding it.</param>
/// <param name="Before">Raw value in the previous result (rounded for reading), or null when it had no data.</param>
/// <param name="After">Raw value now (rounded for reading), or null when it has no data.</param>
/// <param name="ScoreBefore">Normalized 0-100 score before, or null.</param>
/// <param name="ScoreAfter">Normalized 0-100 score now, or null.</param>
/// <param name="ContributionDelta">Points of the total score it added (negative: took away), 1 decimal.</param>
/// <param name="Text">The move in plain words, e.g. "logins (sum over 30 days) fell from 180 to 42: -8.3 points".</param>
/// <param name="FromValue">When the weights changed too: the points its value moved under the earlier weights.</param>
/// <param name="FromWeights">When the weights changed too: the points the new weights moved at today's value.</param>
public sealed record DriverExplanation(
    string Metric,
    string Component,
    double? Before,
    double? After,
    double? ScoreBefore,
    double? ScoreAfter,
    double ContributionDelta,
    string Text,
    double? FromValue = null,
    double? FromWeights = null);
