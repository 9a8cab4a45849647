namespace HealthScoring.Calibration;

/// <summary>A backtest of one model against renewal outcomes, per lead time.</summary>
/// <param name="ModelVersion">The model whose scores were tested.</param>
/// <param name="LeadTimes">One report per lead time.</param>
public sealed record BacktestReport(string ModelVersion, IReadOnlyList<LeadTimeReport> LeadTimes);
