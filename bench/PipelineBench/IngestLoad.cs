using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using HealthFunctions.Storage;

namespace HealthFunctions.Bench;

/// <summary>
/// Ingestion under load: <c>concurrency</c> senders each post batches of 100 signals (10 accounts drawn from a pool,
/// 10 metrics each, unique event ids) back to back for a fixed time, after an untimed warm-up. The floor writes the
/// same signals with the same table client: per account one entity-group transaction inserting one entity per
/// signal (no read, no state, no dedupe markers), the accounts of a post in parallel as the app does.
/// Each side also reports the CPU its process used in the timed window: the app's process for ours (read through
/// its id), this process for the floor (whose load generation costs next to nothing beside the table client).
/// </summary>
public static class IngestLoad
{
    private const int AccountsPerPost = 10;
    private const int WarmupSeconds = 3;

    /// <summary>Loads the running app; returns the JSON line.</summary>
    public static async Task<string> RunOursAsync(Uri baseUrl, int seconds, int concurrency, int pool, int appProcessId)
    {
        using var app = Process.GetProcessById(appProcessId);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(100),
        };
        var stats = await RunAsync("ingest", seconds, concurrency, pool, () => { app.Refresh(); return app.TotalProcessorTime; }, async (batch, ct) =>
        {
            using var content = new ByteArrayContent(Body(batch));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("api/signals", content, ct);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return false;
            }

            using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            var accepted = doc.RootElement.GetProperty("accepted").GetInt32();
            return accepted == batch.Count ? true : throw new BenchFailedException($"a post of {batch.Count} new signals was answered accepted={accepted}");
        });
        return stats;
    }

    /// <summary>Writes the same load straight to a table; returns the JSON line.</summary>
    public static async Task<string> RunFloorAsync(string connectionString, string prefix, int seconds, int concurrency, int pool)
    {
        var counter = new RequestCounter();
        var table = counter.TableService(connectionString).GetTableClient(prefix + "ingestfloor");
        await table.CreateIfNotExistsAsync();
        var line = await RunAsync("ingest-floor", seconds, concurrency, pool, Bench.Cpu, async (batch, ct) =>
        {
            var groups = batch.GroupBy(s => s.AccountId, StringComparer.Ordinal);
            await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (g, ct2) =>
            {
                var shard = AccountKeys.Shard(g.Key);
                var actions = g.Select(s => new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(shard, AccountKeys.EventRow(s.AccountId, s.EventId))
                    {
                        ["AccountId"] = s.AccountId,
                        ["Metric"] = s.Metric,
                        ["Value"] = s.Value,
                        ["Timestamp"] = s.Timestamp,
                    })).ToList();
                await table.SubmitTransactionAsync(actions, ct2);
            });
            return true;
        });

        // Untimed: drop what the floor wrote, so the app's run meets an Azurite as empty as the floor did
        // (the in-memory store slows as it grows).
        await table.DeleteAsync();
        return line;
    }

    private static async Task<string> RunAsync(string command, int seconds, int concurrency, int pool, Func<TimeSpan> cpu,
        Func<List<LoadSignal>, CancellationToken, Task<bool>> post)
    {
        var sequence = 0L;
        var warmupEnd = Stopwatch.GetTimestamp() + (WarmupSeconds * Stopwatch.Frequency);
        var end = warmupEnd + (seconds * Stopwatch.Frequency);
        var cpuAtStart = Task.Run(async () =>
        {
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), warmupEnd));
            return cpu();
        });
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919);
            var latencies = new List<double>();
            var (ok, failed) = (0, 0);
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= end)
                {
                    break;
                }

                var batch = Batch(random, pool, Interlocked.Increment(ref sequence));
                var accepted = await post(batch, CancellationToken.None);
                if (start < warmupEnd)
                {
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (accepted)
                {
                    ok++;
                }
                else
                {
                    failed++;
                }
            }

            return (Latencies: latencies, Ok: ok, Failed: failed);
        })).ToList();
        var results = await Task.WhenAll(workers);
        var cpuMs = (long)(cpu() - await cpuAtStart).TotalMilliseconds;

        var all = results.SelectMany(r => r.Latencies).Order().ToList();
        var posts = results.Sum(r => r.Ok);
        var failures = results.Sum(r => r.Failed);
        if (posts == 0)
        {
            throw new BenchFailedException($"{command}: no post succeeded ({failures} failed)");
        }

        return Bench.Json(("command", command), ("seconds", seconds), ("concurrency", concurrency), ("posts", posts),
            ("failed_posts", failures), ("signals", posts * 100L), ("signals_per_s", Math.Round(posts * 100.0 / seconds, 1)),
            ("p50_ms", Percentile(all, 0.50)), ("p99_ms", Percentile(all, 0.99)), ("cpu_ms", cpuMs),
            ("cpu_us_per_signal", Math.Round(cpuMs * 1000.0 / Math.Max(1, posts * 100L), 1)));
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 1);

    private static List<LoadSignal> Batch(Random random, int pool, long sequence)
    {
        var batch = new List<LoadSignal>(AccountsPerPost * Seeder.Metrics.Length);
        var now = DateTimeOffset.UtcNow;
        var chosen = new HashSet<int>();
        while (chosen.Count < Math.Min(AccountsPerPost, pool))
        {
            chosen.Add(random.Next(pool));
        }

        foreach (var a in chosen)
        {
            var accountId = "load-" + a.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            for (var m = 0; m < Seeder.Metrics.Length; m++)
            {
                batch.Add(new LoadSignal(accountId, Seeder.Metrics[m], Math.Round(random.NextDouble() * 100, 1),
                    now.AddMinutes(-random.Next(600)), FormattableString.Invariant($"load-{sequence}-{a}-{m}")));
            }
        }

        return batch;
    }

    private static byte[] Body(List<LoadSignal> batch)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var s in batch)
            {
                w.WriteStartObject();
                w.WriteString("accountId", s.AccountId);
                w.WriteString("metric", s.Metric);
                w.WriteNumber("value", s.Value);
                w.WriteString("timestamp", s.Timestamp);
                w.WriteString("eventId", s.EventId);
                w.WriteString("source", "bench");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return stream.ToArray();
    }

    private sealed record LoadSignal(string AccountId, string Metric, double Value, DateTimeOffset Timestamp, string EventId);
}
