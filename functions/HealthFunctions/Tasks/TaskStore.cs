using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using HealthFunctions.Storage;

namespace HealthFunctions.Tasks;

/// <summary>Playbook tasks: PartitionKey the account id, RowKey a task id derived from the event and the playbook.</summary>
public sealed class TaskStore(TableServiceClient tables, TableNames names)
{
    private const int MaxAttempts = 50;
    private readonly TableClient _table = tables.GetTableClient(names.Tasks);
    private long _version;

    /// <summary>Goes up with every write this instance makes (a list kept in memory compares it: <see cref="TaskDirectory"/>).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Creates a task; returns false (and the stored task) when it already exists.</summary>
    public async Task<(bool Created, PlaybookTaskRecord Task)> CreateAsync(PlaybookTaskRecord task, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(task), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _version);
            return (true, task);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(task.AccountId, task.TaskId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (false, existing.HasValue ? FromEntity(existing.Value!) : task);
        }
    }

    /// <summary>Marks a task as sent to the outbound webhook.</summary>
    public async Task MarkNotifiedAsync(PlaybookTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        await _table.UpsertEntityAsync(new TableEntity(task.AccountId, task.TaskId) { ["Notified"] = true }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _version);
    }

    /// <summary>Lists tasks, optionally of one account and/or one status, oldest first within an account.</summary>
    public async IAsyncEnumerable<PlaybookTaskRecord> ListAsync(string? accountId, string? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = (accountId, status) switch
        {
            (null, null) => null,
            ({ } a, null) => TableClient.CreateQueryFilter($"PartitionKey eq {a}"),
            (null, { } s) => TableClient.CreateQueryFilter($"Status eq {s}"),
            ({ } a, { } s) => TableClient.CreateQueryFilter($"PartitionKey eq {a} and Status eq {s}"),
        };
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, null, cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>The task with id <paramref name="taskId"/> (whatever its account), or null: a query on the id.</summary>
    public async Task<PlaybookTaskRecord?> FindAsync(string taskId, CancellationToken cancellationToken) =>
        await FindEntityAsync(taskId, null, cancellationToken).ConfigureAwait(false) is { } e ? FromEntity(e) : null;

    // Task ids are unique across accounts (a hash of the event and the playbook): with its account the row is read by its
    // key, without it by a query on the id.
    private async Task<TableEntity?> FindEntityAsync(string taskId, string? accountId, CancellationToken cancellationToken)
    {
        if (accountId is not null)
        {
            var read = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return read.HasValue ? read.Value : null;
        }

        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {taskId}"), 1, null, cancellationToken).ConfigureAwait(false))
        {
            return e;
        }

        return null;
    }

    /// <summary>
    /// Closes (dismisses, with <paramref name="reason"/> as the note and <paramref name="by"/> in the history) every open task
    /// that a change caused by activating <paramref name="modelVersion"/> opened; returns how many. Idempotent: a retry finds
    /// them closed.
    /// </summary>
    public async Task<int> CloseOpenedByModelAsync(string modelVersion, string reason, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {TaskStatuses.Open} and Cause eq {"model"} and ModelVersion eq {modelVersion}");
        var ids = new List<string>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, 1000, ["RowKey"], cancellationToken).ConfigureAwait(false))
        {
            ids.Add(e.RowKey);
        }

        var close = new TaskPatch(TaskStatuses.Dismissed, false, null, reason);
        var closed = 0;
        foreach (var id in ids)
        {
            var task = await UpdateAsync(id, t => t.Status == TaskStatuses.Open ? close.ApplyTo(t, now, by) : t, cancellationToken).ConfigureAwait(false);
            closed += task?.Status == TaskStatuses.Dismissed ? 1 : 0;
        }

        return closed;
    }

    /// <summary>
    /// Changes the task with id <paramref name="taskId"/> (whatever its account) under its ETag; null when there is none.
    /// A change that returns the task unchanged writes nothing. With <paramref name="accountId"/> (where a list already
    /// told it) the row is read by its key; without, by a query on the id.
    /// </summary>
    public async Task<PlaybookTaskRecord?> UpdateAsync(string taskId, Func<PlaybookTaskRecord, PlaybookTaskRecord> change, CancellationToken cancellationToken, string? accountId = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await FindEntityAsync(taskId, accountId, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return null;
            }

            var current = FromEntity(found);
            var updated = change(current);
            if (ReferenceEquals(updated, current) || updated == current)
            {
                return current;
            }

            try
            {
                await _table.UpdateEntityAsync(ToEntity(updated), found.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _version);
                return updated;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Changed (or marked notified) since it was read: read again and retry.
            }
        }

        throw new TimeoutException($"Task '{taskId}' kept changing during {MaxAttempts} attempts to update it.");
    }

    /// <summary>Steps by due day (earliest first; steps due the same day keep the playbook's order), as a task lists them.</summary>
    public static IReadOnlyList<TaskStep> InDueOrder(IEnumerable<TaskStep> steps) => steps.OrderBy(s => s.DueOn).ToList();

    private static TableEntity ToEntity(PlaybookTaskRecord t) => new TableEntity(t.AccountId, t.TaskId)
    {
        ["Playbook"] = t.Playbook,
        ["Title"] = t.Title,
        ["Steps"] = JsonSerializer.Serialize(t.Steps, AppJson.Default.IReadOnlyListTaskStep),
        ["OwnerRole"] = t.OwnerRole,
        ["DueOn"] = t.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Status"] = t.Status,
        ["TransitionKind"] = t.TransitionKind,
        ["EventId"] = t.EventId,
        ["CreatedAt"] = t.CreatedAt,
        ["Notified"] = t.Notified,
    }.SetIfNotNull("Owner", t.Owner).SetIfNotNull("Note", t.Note).SetIfNotNull("UpdatedAt", t.UpdatedAt)
        .SetIfNotNull("Changes", t.Changes is { Count: > 0 } c ? TaskHistory.Serialize(c) : null)
        .SetIfNotNull("DroppedChanges", t.DroppedChanges > 0 ? t.DroppedChanges : null)
        .SetIfNotNull("Cause", t.Cause).SetIfNotNull("ModelVersion", t.ModelVersion);

    private static PlaybookTaskRecord FromEntity(TableEntity e) => new(
        e.RowKey,
        e.PartitionKey,
        e.GetString("Playbook") ?? "",
        e.GetString("Title") ?? "",
        e.GetString("OwnerRole") ?? "",
        e.GetString("Owner"),
        DateOnly.TryParseExact(e.GetString("DueOn"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) ? due : default,
        e.GetString("Status") ?? "open",
        e.GetString("TransitionKind") ?? "",
        e.GetString("EventId") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetBoolean("Notified") ?? false,
        e.GetString("Steps") is { } steps ? InDueOrder(JsonSerializer.Deserialize(steps, AppJson.Default.IReadOnlyListTaskStep) ?? []) : [],
        e.GetString("Note"),
        e.GetDateTimeOffset("UpdatedAt"),
        e.GetString("Changes") is { } changes ? JsonSerializer.Deserialize(changes, AppJson.Default.IReadOnlyListTaskChange) : null)
    {
        Cause = e.GetString("Cause"),
        ModelVersion = e.GetString("ModelVersion"),
        DroppedChanges = e.GetInt32("DroppedChanges") ?? 0,
    };
}
