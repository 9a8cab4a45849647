using HealthFunctions.Storage;

namespace HealthFunctions.Tasks;

/// <summary>
/// Every playbook task, kept in memory for a few seconds (<see cref="ScanSnapshot{T}"/>), so the tasks board filters,
/// counts, sorts and pages 10,000 tasks without reading the table on every click. Any write through this instance's
/// <see cref="TaskStore"/> (a new task, a change, a bulk change) makes it stale at once.
/// </summary>
public sealed class TaskDirectory
{
    /// <summary>Most tasks kept in memory; past that every read streams the table.</summary>
    public const int MaxCached = 100_000;

    private readonly ScanSnapshot<PlaybookTaskRecord> _snapshot;

    /// <summary>Creates the directory over the task store.</summary>
    public TaskDirectory(TaskStore tasks, TimeProvider clock, ILogger<TaskDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        _snapshot = new ScanSnapshot<PlaybookTaskRecord>(ct => tasks.ListAsync(null, null, ct), () => tasks.Version, MaxCached, clock, logger);
    }

    /// <summary>Every task (from the snapshot when one is recent enough).</summary>
    public IAsyncEnumerable<PlaybookTaskRecord> ReadAsync(CancellationToken cancellationToken) => _snapshot.ReadAsync(cancellationToken);
}
