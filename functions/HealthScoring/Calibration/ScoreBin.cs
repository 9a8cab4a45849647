namespace HealthScoring.Calibration;

/// <summary>One bar of the score distribution by outcome.</summary>
/// <param name="From">Lower bound (inclusive).</param>
/// <param name="To">Upper bound (exclusive, except 100).</param>
/// <param name="Churned">Churned accounts scoring in the bin.</param>
/// <param name="Retained">Retained accounts (renewed, expanded or contracted) scoring in the bin.</param>
public sealed record ScoreBin(double From, double To, int Churned, int Retained);
