using System.Text.Json;

namespace HealthFunctions.Tasks;

/// <summary>
/// Keeps a task's history within what the table stores: a string property holds at most 64 KiB (32,768 UTF-16
/// characters), so the history keeps the newest changes whose JSON fits in <see cref="MaxChars"/> (and at most
/// <see cref="MaxChanges"/> of them), and counts the older ones it let go. So a valid PATCH always fits, however many long
/// notes came before.
/// </summary>
public static class TaskHistory
{
    /// <summary>Changes kept at most.</summary>
    public const int MaxChanges = 100;

    /// <summary>Characters of history JSON kept at most: under the 32,768 a string property holds, with room to spare.</summary>
    public const int MaxChars = 30_000;

    /// <summary>The history with <paramref name="change"/> appended and the oldest changes dropped until it fits; and how many were dropped in all.</summary>
    public static (IReadOnlyList<TaskChange> Changes, int Dropped) Append(IReadOnlyList<TaskChange>? history, int dropped, TaskChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changes = new List<TaskChange>(history ?? []) { change };
        var drop = Math.Max(0, changes.Count - MaxChanges);
        while (drop < changes.Count - 1 && Length(changes, drop) > MaxChars)
        {
            drop++;
        }

        return (changes.GetRange(drop, changes.Count - drop), dropped + drop);
    }

    /// <summary>The history as the task row stores it (JSON).</summary>
    public static string Serialize(IReadOnlyList<TaskChange> changes) => JsonSerializer.Serialize(changes, AppJson.Default.IReadOnlyListTaskChange);

    private static int Length(List<TaskChange> changes, int from) => Serialize(changes.GetRange(from, changes.Count - from)).Length;
}
