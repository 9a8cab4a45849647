using HealthFunctions.Accounts;

namespace HealthFunctions.Tasks;

/// <summary>The tasks list: every task (kept in memory for a few seconds) joined with its account's list line, filtered, counted, sorted and paged.</summary>
public sealed class TaskQueries(TaskDirectory tasks, TaskStore store, AccountDirectory accounts, TimeProvider clock)
{
    /// <summary>The tasks matching the query, in its order (all of them, for CSV), the requested page, and every account's line by id.</summary>
    public async Task<(List<PlaybookTaskRecord> All, TaskPage Page, IReadOnlyDictionary<string, AccountLine> Accounts)> ListAsync(TaskListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var lines = new Dictionary<string, AccountLine>(StringComparer.Ordinal);
        await foreach (var line in accounts.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines[line.AccountId] = line;
        }

        var byStatus = TaskStatuses.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        var overdue = 0;
        var matching = new List<PlaybookTaskRecord>();
        await foreach (var t in tasks.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!query.MatchesBesidesStatusAndDue(t, lines.GetValueOrDefault(t.AccountId), today))
            {
                continue;
            }

            byStatus[t.Status] = byStatus.GetValueOrDefault(t.Status) + 1;
            overdue += TaskListQuery.IsOverdue(t, today) ? 1 : 0;
            if (query.MatchesStatusAndDue(t, today))
            {
                matching.Add(t);
            }
        }

        var ordered = query.Order(matching, lines);
        var page = ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var pageAccounts = page.Select(t => t.AccountId).Distinct(StringComparer.Ordinal).Where(lines.ContainsKey)
            .ToDictionary(id => id, id => lines[id], StringComparer.Ordinal);
        return (ordered, new TaskPage(ordered.Count, query.Page, query.PageSize, query.Sort, query.Descending ? "desc" : "asc", today, byStatus, overdue, page, pageAccounts), lines);
    }

    /// <summary>The account of each task id that exists (from the list kept in memory, then by a query for the ones it lacks).</summary>
    public async Task<Dictionary<string, string>> AccountsOfAsync(IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var wanted = taskIds.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var t in tasks.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (wanted.Contains(t.TaskId))
            {
                found[t.TaskId] = t.AccountId;
            }
        }

        foreach (var id in taskIds.Where(id => !found.ContainsKey(id)))
        {
            // Created on another instance since the list was read.
            if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } t)
            {
                found[id] = t.AccountId;
            }
        }

        return found;
    }
}
