using System.Globalization;
using HealthFunctions.Accounts;
using HealthFunctions.Hosting;

namespace HealthFunctions.Tasks;

/// <summary>The tasks list as CSV (<see cref="CsvText"/>), with each task's account beside it.</summary>
public static class TaskCsv
{
    /// <summary>The header row's field names.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["taskId", "accountId", "accountName", "tier", "segment", "arr", "renewalDate", "playbook", "title", "status", "overdue", "dueOn",
         "owner", "ownerRole", "transitionKind", "createdAt", "updatedAt", "note", "steps"];

    /// <summary>Writes the header and one row per task; <paramref name="today"/> decides what is overdue.</summary>
    public static string Write(IEnumerable<PlaybookTaskRecord> tasks, IReadOnlyDictionary<string, AccountLine> accounts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(accounts);
        return CsvText.Write(Header, tasks.Select(t =>
        {
            var a = accounts.GetValueOrDefault(t.AccountId);
            return new[]
            {
                t.TaskId, t.AccountId, a?.Name, a?.Tier?.ToString() ?? "Unscored", a?.Segment, CsvText.Number(a?.Arr), CsvText.Day(a?.RenewalDate),
                t.Playbook, t.Title, t.Status, TaskListQuery.IsOverdue(t, today) ? "true" : "false", CsvText.Day(t.DueOn),
                t.Owner, t.OwnerRole, t.TransitionKind, t.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
                t.UpdatedAt?.ToString("o", CultureInfo.InvariantCulture), t.Note,
                string.Join(" | ", t.Steps.Select(s => $"{CsvText.Day(s.DueOn)} {s.OwnerRole}: {s.Title}")),
            };
        }));
    }
}
