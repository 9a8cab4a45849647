using Azure;

namespace HealthFunctions.Storage.Tables;

/// <summary>The kind of one operation in an entity-group transaction.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails if the entity exists.</summary>
    Add,
    /// <summary>Merge into an existing entity (If-Match).</summary>
    UpdateMerge,
    /// <summary>Replace an existing entity (If-Match).</summary>
    UpdateReplace,
    /// <summary>Insert or merge.</summary>
    UpsertMerge,
    /// <summary>Insert or replace.</summary>
    UpsertReplace,
    /// <summary>Delete (If-Match).</summary>
    Delete,
}

/// <summary>One operation in an entity-group transaction. <see cref="ETag"/> applies to updates and deletes (default: any).</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);
