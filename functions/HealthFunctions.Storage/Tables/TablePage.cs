namespace HealthFunctions.Storage.Tables;

/// <summary>One page of query results; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Entities, string? ContinuationToken);
