using HealthFunctions.Errors;
using HealthFunctions.Hosting;

namespace HealthFunctions.Tasks;

/// <summary>
/// A <c>PATCH /api/tasks/{id}</c> body: <c>status</c> (open, done, dismissed), <c>owner</c> (null unassigns) and
/// <c>note</c>, each optional but at least one.
/// </summary>
public sealed record TaskPatch(string? Status, bool SetsOwner, string? Owner, string? Note)
{
    /// <summary>The fields of a patch.</summary>
    public static readonly IReadOnlyList<string> Fields = ["status", "owner", "note"];

    /// <summary>Parses the body, listing every invalid field.</summary>
    public static TaskPatch Parse(ReadOnlyMemory<byte> body)
    {
        using var json = JsonFields.Read(body, Fields);
        var patch = Read(json);
        json.ThrowIfInvalid();
        return patch;
    }

    /// <summary>Reads the patch's fields from a body (a bulk change's holds them beside its task ids); problems go to <paramref name="json"/>.</summary>
    public static TaskPatch Read(JsonFields json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var status = json.Text("status", 16);
        if (status is not null && !TaskStatuses.All.Contains(status))
        {
            json.Errors.Add(new FieldError("status", "must be open, done or dismissed."));
        }

        var owner = json.Text("owner", 200);
        var note = json.Text("note", 2000);
        if (!Fields.Any(json.Has))
        {
            json.Errors.Add(new FieldError("$", "must set at least one of status, owner and note."));
        }

        return new TaskPatch(status, json.Has("owner"), owner, note);
    }

    /// <summary>The task with this patch applied and its change recorded; the task itself when nothing would change (so a retry is idempotent).</summary>
    public PlaybookTaskRecord ApplyTo(PlaybookTaskRecord task, DateTimeOffset now, string? by)
    {
        ArgumentNullException.ThrowIfNull(task);
        var status = Status is not null && Status != task.Status ? Status : null;
        var ownerChanged = SetsOwner && Owner != task.Owner;
        var note = Note is not null && Note != task.Note ? Note : null;
        if (status is null && !ownerChanged && note is null)
        {
            return task;
        }

        var change = new TaskChange(now, by, status, ownerChanged ? Owner : null, note, OwnerCleared: ownerChanged && Owner is null);
        var (changes, dropped) = TaskHistory.Append(task.Changes, task.DroppedChanges, change);
        return task with
        {
            Status = status ?? task.Status,
            Owner = ownerChanged ? Owner : task.Owner,
            Note = note ?? task.Note,
            UpdatedAt = now,
            Changes = changes,
            DroppedChanges = dropped,
        };
    }
}
