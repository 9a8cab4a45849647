namespace HealthFunctions.Rescoring;

/// <summary>What one rescoring run did.</summary>
/// <param name="AsOf">The day scored.</param>
/// <param name="Accounts">Accounts read.</param>
/// <param name="Scored">Accounts whose score was written (the rest were already current).</param>
/// <param name="Transitions">Score-change messages published.</param>
/// <param name="StorageRequests">Table requests made (pages read and batches written).</param>
/// <param name="DurationMs">Wall time.</param>
/// <param name="ModelVersion">The model applied.</param>
public sealed record RescoreSummary(DateOnly AsOf, int Accounts, int Scored, int Transitions, long StorageRequests, long DurationMs, string ModelVersion);
