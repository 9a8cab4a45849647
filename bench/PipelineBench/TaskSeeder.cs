using System.Diagnostics;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Bench;

/// <summary>
/// Writes playbook tasks through the app's own <see cref="TaskStore"/>, one per seeded account (<see cref="Seeder.AccountId"/>):
/// mostly open, some done or dismissed, owners and playbooks spread, due dates from two weeks before to two weeks after
/// the as-of day (so a share is overdue), each with the three steps of the red-recovery playbook.
/// </summary>
public static class TaskSeeder
{
    private static readonly string[] Owners = ["dana", "lee", "sam", "rio", "kim"];
    private static readonly string[] Playbooks = ["red-recovery", "yellow-adoption", "green-expansion"];

    /// <summary>Seeds the tasks; returns the JSON line.</summary>
    public static async Task<string> RunAsync(string connectionString, string prefix, int count, DateOnly asOf)
    {
        var counter = new RequestCounter();
        var service = counter.TableService(connectionString);
        var names = new TableNames(Options.Create(new PipelineOptions { StoragePrefix = prefix }));
        await service.CreateTableIfNotExistsAsync(names.Tasks);
        var store = new TaskStore(service, names);
        var started = Stopwatch.StartNew();
        var now = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var due = asOf.AddDays((i * 7 % 29) - 14);
            var steps = new List<TaskStep>
            {
                new("Call the account's champion", "Find out what changed.", due, "csm"),
                new("Review open support issues", "Escalate what blocks them.", due.AddDays(1), "support-lead"),
                new("Agree a recovery plan", "Write it down with the champion.", due.AddDays(5), "csm"),
            };
            var status = (i % 10) switch { < 7 => "open", < 9 => "done", _ => "dismissed" };
            var task = new PlaybookTaskRecord($"t-bench-{i:D6}", Seeder.AccountId(i), Playbooks[i % Playbooks.Length], steps[0].Title, "csm",
                Owners[i % Owners.Length], due, status, "tier-drop", $"e-bench-{i:D6}", now.AddMinutes(-i), true, steps);
            await store.CreateAsync(task, ct);
        });

        return Bench.Json(("command", "seed-tasks"), ("tasks", count), ("ms", started.ElapsedMilliseconds), ("requests", counter.Count));
    }
}
