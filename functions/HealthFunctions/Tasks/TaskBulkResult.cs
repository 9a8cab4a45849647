namespace HealthFunctions.Tasks;

/// <summary>The answer to <c>POST /api/tasks/bulk</c>: tasks changed, tasks the change left as they were (already so), and every task as it is now.</summary>
public sealed record TaskBulkResult(int Changed, int Unchanged, IReadOnlyList<PlaybookTaskRecord> Tasks);
