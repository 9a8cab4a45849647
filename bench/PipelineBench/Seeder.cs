using System.Diagnostics;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Bench;

/// <summary>
/// Writes account rows as ingestion would have left them: a profile and <c>days</c> daily buckets of ten of the
/// default model's metrics, at health levels spread so that the accounts end in all three tiers.
/// </summary>
public static class Seeder
{
    /// <summary>The ten metrics every seeded account carries, one value a day each.</summary>
    public static readonly string[] Metrics =
    [
        "logins", "active_users_pct", "feature_adoption_pct", "nps", "csm_pulse",
        "tickets_opened", "resolution_hours", "onboarding_progress_pct", "milestones_completed_pct", "seat_utilization_pct",
    ];

    private static readonly string[] Segments = ["SMB", "MidMarket", "Enterprise"];

    /// <summary>Seeds the accounts; returns the JSON line.</summary>
    public static async Task<string> RunAsync(string connectionString, string prefix, int accounts, int days, DateOnly asOf)
    {
        var counter = new RequestCounter();
        var service = counter.TableService(connectionString);
        var names = new TableNames(Options.Create(new PipelineOptions { StoragePrefix = prefix }));
        foreach (var name in names.AllTables)
        {
            await service.CreateTableIfNotExistsAsync(name);
        }

        var table = service.GetTableClient(names.Accounts);
        var started = Stopwatch.StartNew();
        long bytes = 0;
        var groups = Enumerable.Range(0, accounts).Select(AccountId)
            .GroupBy(AccountKeys.Shard, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(100));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (ids, ct) =>
        {
            var actions = new List<TableTransactionAction>(ids.Length);
            foreach (var id in ids)
            {
                var (entity, stateBytes) = Entity(id, days, asOf);
                Interlocked.Add(ref bytes, stateBytes);
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            }

            await table.SubmitTransactionAsync(actions, ct);
        });

        return Bench.Json(("command", "seed"), ("accounts", accounts), ("days", days), ("metrics", Metrics.Length),
            ("state_bytes_per_account", bytes / Math.Max(1, accounts)), ("ms", started.ElapsedMilliseconds), ("requests", counter.Count));
    }

    /// <summary>The id of the n-th seeded account.</summary>
    public static string AccountId(int n) => "acct-" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static (TableEntity Entity, int StateBytes) Entity(string id, int days, DateOnly asOf)
    {
        var n = int.Parse(id.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(n ^ 7919); // seeded by the account number: the same data on every run
        var health = 0.15 + (0.85 * ((n * 37) % 100) / 99.0); // evenly spread over the tiers, deterministic
        var state = new SignalState();
        var first = asOf.AddDays(1 - days);
        DateTimeOffset last = default;
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
            for (var m = 0; m < Metrics.Length; m++)
            {
                var h = Math.Clamp(health + ((random.NextDouble() - 0.5) * 0.1), 0, 1);
                var value = Metrics[m] switch
                {
                    "logins" => Math.Round(12 * h),
                    "nps" => Math.Round(10 * h),
                    "csm_pulse" => Math.Round(10 * h),
                    "tickets_opened" => random.NextDouble() < 0.6 * (1 - h) ? 1 : 0,
                    "resolution_hours" => Math.Round(4 + (60 * (1 - h))),
                    _ => Math.Round(100 * h),
                };
                last = new DateTimeOffset(day.AddMinutes(m), TimeSpan.Zero);
                state.Apply(Metrics[m], value, last);
            }
        }

        var profile = new AccountProfileData("Account " + n, Segments[n % Segments.Length], "Adopt", 10_000 + (n % 50 * 1_000), null, "csm-" + (n % 7));
        return (AccountEntityMapper.ToEntity(id, profile, state, 1, last, null), SignalStateCodec.Encode(state).Length);
    }
}
