using HealthFunctions.Tasks;

namespace HealthFunctions.Accounts;

/// <summary>The answer to <c>GET /api/tasks</c>.</summary>
public sealed record TaskList(int Count, IReadOnlyList<PlaybookTaskRecord> Tasks);
