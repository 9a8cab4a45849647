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
    private readonly TableClient _table = tables.GetTableClient(names.Tasks);

    /// <summary>Creates a task; returns false (and the stored task) when it already exists.</summary>
    public async Task<(bool Created, PlaybookTaskRecord Task)> CreateAsync(PlaybookTaskRecord task, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(task), cancellationToken).ConfigureAwait(false);
            return (true, task);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(task.AccountId, task.TaskId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (false, existing.HasValue ? FromEntity(existing.Value!) : task);
        }
    }

    /// <summary>Marks a task as sent to the outbound webhook.</summary>
    public Task MarkNotifiedAsync(PlaybookTaskRecord task, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(task.AccountId, task.TaskId) { ["Notified"] = true }, TableUpdateMode.Merge, cancellationToken);

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
    }.SetIfNotNull("Owner", t.Owner);

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
