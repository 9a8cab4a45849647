using System.Text.Json;

namespace HealthFunctions.Tasks;

/// <summary>What a <c>PATCH /api/tasks/{id}</c> changes, as the audit trail keeps it before and after.</summary>
public sealed record TaskState(string Status, string? Owner, string? Note)
{
    /// <summary>The task's state as JSON, or null for no task.</summary>
    public static JsonElement? Of(PlaybookTaskRecord? task) =>
        task is null ? null : JsonSerializer.SerializeToElement(new TaskState(task.Status, task.Owner, task.Note), AppJson.Default.TaskState);
}
