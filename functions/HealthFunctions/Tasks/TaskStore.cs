using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Tables;

namespace HealthFunctions.Tasks;

/// <summary>Playbook tasks: PartitionKey the account id, RowKey a task id derived from the event and the playbook.</summary>
public sealed class TaskStore(ITableServiceClient tables, TableNames names)
{
    private ITableClient Table => tables.GetTableClient(names.Tasks);

    /// <summary>Creates a task; returns false (and the stored task) when it already exists.</summary>
    public async Task<(bool Created, PlaybookTaskRecord Task)> CreateAsync(PlaybookTaskRecord task, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(task), cancellationToken).ConfigureAwait(false);
            return (true, task);
        }
        catch (TableEntityExistsException)
        {
            var existing = await Table.GetEntityAsync(task.AccountId, task.TaskId, null, cancellationToken).ConfigureAwait(false);
            return (false, existing is null ? task : FromEntity(existing));
        }
    }

    /// <summary>Marks a task as sent to the outbound webhook.</summary>
    public Task MarkNotifiedAsync(PlaybookTaskRecord task, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(task.AccountId, task.TaskId) { ["Notified"] = true }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Lists tasks, optionally of one account and/or one status, oldest first within an account.</summary>
    public async IAsyncEnumerable<PlaybookTaskRecord> ListAsync(string? accountId, string? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (accountId is not null)
        {
            filters.Add(TableFilter.Equal("PartitionKey", accountId));
        }

        if (status is not null)
        {
            filters.Add(TableFilter.Equal("Status", status));
        }

        var filter = filters.Count == 0 ? null : TableFilter.And([.. filters]);
        await foreach (var entity in Table.QueryAsync(filter, null, null, cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    private static TableEntity ToEntity(PlaybookTaskRecord t) => new(t.AccountId, t.TaskId)
    {
        ["Playbook"] = t.Playbook,
        ["Title"] = t.Title,
        ["Steps"] = JsonSerializer.Serialize(t.Steps, AppJson.Default.IReadOnlyListTaskStep),
        ["OwnerRole"] = t.OwnerRole,
        ["Owner"] = t.Owner,
        ["DueOn"] = t.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Status"] = t.Status,
        ["TransitionKind"] = t.TransitionKind,
        ["EventId"] = t.EventId,
        ["CreatedAt"] = t.CreatedAt,
        ["Notified"] = t.Notified,
    };

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
        e.GetString("Steps") is { } steps ? JsonSerializer.Deserialize(steps, AppJson.Default.IReadOnlyListTaskStep) ?? [] : []);
}
