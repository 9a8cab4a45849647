namespace HealthFunctions.Calibration.Jobs;

/// <summary>What a job was asked to do.</summary>
/// <param name="Kind">Backtest or calibration.</param>
/// <param name="LeadDays">Lead times (one for a calibration).</param>
/// <param name="Model">Which model: the active one, a stored version, or a posted draft.</param>
/// <param name="ModelVersion">The stored model's or the draft's version; null for the active model.</param>
/// <param name="From">Only outcomes on or after this date (a backtest of a later period), or null.</param>
/// <param name="To">Only outcomes on or before this date, or null.</param>
public sealed record JobRequest(JobKind Kind, IReadOnlyList<int> LeadDays, ModelSource Model, string? ModelVersion, DateOnly? From, DateOnly? To);
