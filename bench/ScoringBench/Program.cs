using System.Diagnostics;
using System.Globalization;
using HealthScoring;
using ScoringBench;

// Scores N distinct accounts (12 signals x 90 daily buckets each, generated deterministically) with the default
// model. Data is generated in batches into reused buffers; only the scoring phases are timed, so the figures are
// the engine's cost, including building each account's SignalHistory (which validates bucket order).
var quick = args.Contains("--quick");
var accounts = quick ? 50_000 : 1_000_000;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--accounts")
    {
        accounts = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}

var model = DefaultModels.Default;
var asOf = new DateOnly(2026, 11, 23);
var batch = new AccountBatch(256, asOf);

if (args.Contains("--sample"))
{
    // Prints one scored account as System.Text.Json writes it (used for docs/scoring-model.md).
    batch.Generate(7, 1);
    var sample = ScoringEngine.Score(model, batch.Profiles[0], new SignalHistory(batch.Series[0]), asOf, batch.Inputs[0]);
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(sample, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    return;
}

// Warm-up (not measured): lets tiered compilation settle on the hot path.
RunBatches(batch, model, asOf, firstAccount: -20_000, count: 20_000, out _, out _, out _, out _);

var result = RunBatches(batch, model, asOf, firstAccount: 0, count: accounts, out var cpu, out var wall, out var allocated, out var tiers);
var metricWindows = (double)accounts * AccountBatch.Signals.Length;
var nsPerMetricWindow = cpu.TotalNanoseconds / metricWindows;
var ratio = nsPerMetricWindow / 1000;
var perSecond = accounts / wall.TotalSeconds;
var allocPerAccount = (double)allocated / accounts;
string F(double v, int d) => v.ToString("F" + d, CultureInfo.InvariantCulture);

Console.WriteLine($"accounts={accounts} signals={AccountBatch.Signals.Length} buckets={AccountBatch.Days} model={model.Version}");
var perCpuSecond = accounts / cpu.TotalSeconds;
Console.WriteLine($"scoring cpu={F(cpu.TotalMilliseconds, 0)}ms wall={F(wall.TotalMilliseconds, 0)}ms accounts/s={F(perSecond, 0)} (wall, shared machine) accounts/cpu-s={F(perCpuSecond, 0)}");
Console.WriteLine($"tiers red={tiers[0]} yellow={tiers[1]} green={tiers[2]} none={tiers[3]} checksum={F(result, 1)}");
Console.WriteLine($"scoring: ratio={F(ratio, 3)} cpu_ns_per_metric_window={F(nsPerMetricWindow, 1)} alloc_bytes_per_account={F(allocPerAccount, 0)} accounts_per_s={F(perSecond, 0)} accounts_per_cpu_s={F(perCpuSecond, 0)} accounts={accounts}");

static double RunBatches(AccountBatch batch, HealthModel model, DateOnly asOf, int firstAccount, int count,
    out TimeSpan cpu, out TimeSpan wall, out long allocated, out int[] tiers)
{
    var process = Process.GetCurrentProcess();
    cpu = TimeSpan.Zero;
    wall = TimeSpan.Zero;
    allocated = 0;
    tiers = new int[4];
    var checksum = 0.0;
    for (var start = 0; start < count; start += batch.Size)
    {
        var n = Math.Min(batch.Size, count - start);
        batch.Generate(firstAccount + start, n);

        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var history = new SignalHistory(batch.Series[i]);
            var result = ScoringEngine.Score(model, batch.Profiles[i], history, asOf, batch.Inputs[i]);
            checksum += result.Score ?? 0;
            tiers[result.Tier is { } t ? (int)t : 3]++;
        }

        clock.Stop();
        allocated += GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        process.Refresh();
        cpu += process.TotalProcessorTime - cpuBefore;
        wall += clock.Elapsed;
    }

    return checksum;
}
