namespace HealthScoring.Calibration;

/// <summary>One point of a ROC curve.</summary>
/// <param name="Fpr">False-positive rate: share of retained accounts flagged.</param>
/// <param name="Tpr">True-positive rate: share of churned accounts flagged.</param>
public sealed record RocPoint(double Fpr, double Tpr);
