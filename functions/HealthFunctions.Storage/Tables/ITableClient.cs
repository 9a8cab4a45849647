using Azure;

namespace HealthFunctions.Storage.Tables;

/// <summary>
/// One Azure Table. The app depends on this interface only, so an official SDK can be swapped in by
/// writing one adapter.
/// </summary>
public interface ITableClient
{
    /// <summary>The table's name.</summary>
    string Name { get; }

    /// <summary>Creates the table; an existing table is not an error.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the table and everything in it; false when there was no such table.</summary>
    Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one entity, or null when it does not exist.</summary>
    Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, IReadOnlyList<string>? select = null,
        CancellationToken cancellationToken = default);

    /// <summary>Inserts an entity. Throws <see cref="TableEntityExistsException"/> when it already exists.</summary>
    Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces / merges an entity, unconditionally.</summary>
    Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces or merges an existing entity if its ETag still matches (<see cref="ETag.All"/> for any).
    /// Throws <see cref="TableConcurrencyException"/> when another writer changed it first (or it is gone).
    /// </summary>
    Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes an entity if its ETag matches (default: any). A missing entity is not an error.</summary>
    Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams query results page by page (at most <paramref name="pageSize"/> or 1,000 entities a page),
    /// following continuation tokens. Build <paramref name="filter"/> with TableFilter, which escapes values.
    /// </summary>
    IAsyncEnumerable<TablePage> QueryPagesAsync(string? filter = null, IReadOnlyList<string>? select = null,
        int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Streams query results entity by entity (see <see cref="QueryPagesAsync"/>).</summary>
    IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, IReadOnlyList<string>? select = null,
        int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits up to 100 operations on one PartitionKey as one atomic entity-group transaction. Throws
    /// <see cref="TableTransactionFailedException"/> naming the failing operation's index.
    /// </summary>
    Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions,
        CancellationToken cancellationToken = default);
}
