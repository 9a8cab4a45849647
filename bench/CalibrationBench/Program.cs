using System.Diagnostics;
using System.Globalization;
using System.Text;
using CalibrationBench;
using HealthScoring;
using HealthScoring.Calibration;

// Calibration on public data: hand model vs calibrated vs a plain logistic regression on the same time split, then
// the time a backtest plus a calibration of 10,000 outcomes with 180 days of history takes. Run through
// ./scripts/bench.sh calibration, which exports the datasets from the Debian package r-cran-modeldata first.
// Usage: CalibrationBench --data DIR [--out DIR] [--quick]
//        CalibrationBench state-size   (what signal retention costs in row bytes: scripts/bench/statesize.sh)
//        CalibrationBench api --url URL --data DIR --dataset NAME [--count N] [--out DIR]   (the same through a running app: scripts/backtest-public.sh)
if (args.Length > 0 && args[0] == "api")
{
    return await CalibrationBench.Api.ApiReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "state-size")
{
    return StateSize.Run();
}

var argsList = args.ToList();
string Arg(string name, string fallback) => argsList.IndexOf(name) is >= 0 and var i && i + 1 < argsList.Count ? argsList[i + 1] : fallback;
var dataDir = Arg("--data", ".bench/data");
var outDir = Arg("--out", ".bench/calibration");
var quick = argsList.Contains("--quick");
Directory.CreateDirectory(outDir);
const int LeadDays = 60;
var today = new DateOnly(2025, 3, 1);
var inv = CultureInfo.InvariantCulture;

var gaps = new List<string>();
var allMet = true;
foreach (var spec in new[] { DatasetSpec.CreditData, DatasetSpec.LendingClub })
{
    var data = Dataset.Read(spec, dataDir);
    var n = data.Rows.Count;
    var handJson = File.ReadAllText(spec.ModelFile);
    var hand = HealthModelLoader.Load(handJson);
    var cases = Portfolio.Cases(data, n, daily: false);
    var result = Calibrator.Calibrate(hand, handJson, cases, LeadDays, today);

    // The reference on exactly the calibrator's split: the same dates, the same rule.
    var (trainRows, testRows, firstTest) = TimeSplit.Split(Enumerable.Range(0, n), i => Portfolio.OutcomeDate(i, n), CalibrationOptions.Default.TrainFraction);
    if (trainRows.Count != result.TrainOutcomes || firstTest != result.FirstTestDate)
    {
        throw new InvalidOperationException($"{spec.Name}: the reference split ({trainRows.Count}) differs from the calibrator's ({result.TrainOutcomes}).");
    }

    var plain = new PlainLogistic(data, trainRows);
    var risk = testRows.Select(plain.Probability).ToArray();
    var churned = testRows.Select(data.Churned).ToArray();
    var plainAuc = RocAuc.Compute(risk, churned)!.Value;
    var plainLift = Ranking.Lift(risk, churned, testRows.Select(r => $"{spec.Name}-{r:D5}").ToArray());

    var table = new StringBuilder();
    table.AppendLine(inv, $"## {spec.Name} (R package modeldata 1.1.0 via Debian r-cran-modeldata): {Format(n)} outcomes, {Pct(Enumerable.Range(0, n).Count(data.Churned) / (double)n)} churned");
    table.AppendLine(inv, $"train: {result.TrainOutcomes} outcomes before {result.FirstTestDate:yyyy-MM-dd}; test: {result.TestOutcomes} outcomes from then on; lead time {LeadDays} days");
    table.AppendLine();
    table.AppendLine("| model | test AUC | top-decile lift | churn on test: Red / Yellow / Green |");
    table.AppendLine("|---|---|---|---|");
    table.AppendLine(inv, $"| hand model `{hand.Version}` | {result.Current.Auc:0.000} | {result.Current.TopDecileLift:0.00} | {Tiers(result.Current)} |");
    table.AppendLine(inv, $"| calibrated `{result.ProposedVersion}` | {result.Proposed.Auc:0.000} | {result.Proposed.TopDecileLift:0.00} | {Tiers(result.Proposed)} |");
    table.AppendLine(inv, $"| plain logistic regression, raw columns ({plain.Columns} columns) | {plainAuc:0.000} | {plainLift:0.00} | - |");
    table.AppendLine(inv, $"| the calibrator's own regression ({result.Fit.Columns} columns) | {result.Fit.TestAuc:0.000} | - | - |");
    table.AppendLine();
    var gap = plainAuc - result.Proposed.Auc!.Value;
    var aucMet = gap <= 0.02;
    var liftMet = result.Proposed.TopDecileLift >= plainLift - 1e-9;
    allMet &= aucMet && liftMet;
    table.AppendLine(inv, $"target AUC within 0.02 of the plain regression: {(aucMet ? "met" : "NOT met")} (calibrated {result.Proposed.Auc:0.000} vs {plainAuc:0.000}, gap {gap:+0.000;-0.000;0.000})");
    table.AppendLine(inv, $"target top-decile lift at least the plain regression's: {(liftMet ? "met" : "NOT met")} ({result.Proposed.TopDecileLift:0.00} vs {plainLift:0.00})");
    table.AppendLine(inv, $"proposed tiers: {result.Tiers.Explanation}");
    table.AppendLine(inv, $"fidelity: the proposed score departs from a straight line of the fitted log-odds by at most {result.Fit.MaxDeviation:0.000} points on {result.Fit.ScoredRows} training outcomes ({result.Fit.PointsPerLogOdds:0.##} points per unit of log-odds; {result.Fit.Clamped} clamped)");
    table.AppendLine(inv, $"flipped: {string.Join("; ", result.Changes.Where(c => c.Kind == ChangeKind.Flipped).Select(c => c.Text))}");
    Console.WriteLine(table.ToString());
    gaps.Add(string.Create(inv, $"auc_gap_{spec.Name}={gap:0.0000} lift_{spec.Name}={result.Proposed.TopDecileLift:0.00}/{plainLift:0.00}"));

    File.WriteAllText(Path.Combine(outDir, $"{spec.Name}-table.md"), table.ToString());
    File.WriteAllText(Path.Combine(outDir, $"{spec.Name}-proposed.json"), result.ProposedJson);
    File.WriteAllLines(Path.Combine(outDir, $"{spec.Name}-changes.txt"), result.Changes.Select(c => $"[{c.Kind}] {c.Text}"));
    File.WriteAllText(Path.Combine(outDir, $"{spec.Name}-report.html"),
        BacktestHtml.Render(Backtester.Run(hand, cases, [LeadDays], ScoreSource.AsOf), result, new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
}

// Timing: 10,000 outcomes (the lending rows, repeated past 9,857) with 180 daily buckets per signal.
var count = quick ? 2_000 : 10_000;
var lending = Dataset.Read(DatasetSpec.LendingClub, dataDir);
var lendingJson = File.ReadAllText(DatasetSpec.LendingClub.ModelFile);
var lendingModel = HealthModelLoader.Load(lendingJson);
var timed = Portfolio.Cases(lending, count, daily: true);

// The floor: build every account's history and read every bucket once, what any backtest must at least do.
var clock = Stopwatch.StartNew();
double checksum = 0;
foreach (var c in timed)
{
    foreach (var signal in c.Signals.Signals)
    {
        c.Signals.TryGet(signal, out var buckets);
        foreach (var b in buckets)
        {
            checksum += b.Sum;
        }
    }
}

var floor = clock.Elapsed.TotalSeconds;
clock.Restart();
var backtest = Backtester.Run(lendingModel, timed, [LeadDays], ScoreSource.AsOf);
var backtestSeconds = clock.Elapsed.TotalSeconds;
var progress = new ConsoleProgress();
clock.Restart();
var timedResult = Calibrator.Calibrate(lendingModel, lendingJson, timed, LeadDays, today, progress: progress);
var calibrateSeconds = clock.Elapsed.TotalSeconds;
var buckets180 = timed[0].Signals.Signals.Count();
Console.WriteLine(string.Create(inv,
    $"timing: {count:N0} outcomes x {buckets180} signals x 180 daily buckets: building and reading every bucket {floor:0.00} s; as-of backtest (hand model, {LeadDays} days) {backtestSeconds:0.00} s (AUC {backtest.LeadTimes[0].Auc:0.000}); calibration {calibrateSeconds:0.00} s (test AUC {timedResult.Proposed.Auc:0.000})"));
Console.WriteLine(allMet ? "targets: met on both datasets" : "targets: NOT met on every dataset (see above)");
Console.WriteLine(string.Create(inv,
    $"calibration: ratio={(backtestSeconds + calibrateSeconds) / floor:0.00} backtest_s={backtestSeconds:0.00} calibrate_s={calibrateSeconds:0.00} floor_s={floor:0.00} outcomes={count} history_days=180 signals={buckets180} checksum={checksum:0} {string.Join(' ', gaps)}"));
return 0;

static string Pct(double v) => v.ToString("0.0%", CultureInfo.InvariantCulture);

static string Format(int v) => v.ToString("N0", CultureInfo.InvariantCulture);

static string Tiers(LeadTimeReport r) => string.Join(" / ", new[] { "Red", "Yellow", "Green" }.Select(t =>
    r.Tiers.FirstOrDefault(x => x.Tier == t) is { Accounts: > 0 } x ? $"{Pct(x.ChurnRate ?? 0)} of {x.Accounts}" : "-"));

/// <summary>Prints the calibration's progress to stderr, one line per stage and tenth.</summary>
internal sealed class ConsoleProgress : IProgress<CalibrationProgress>
{
    private string last = "";

    public void Report(CalibrationProgress value)
    {
        var tenth = value.Total == 0 ? 10 : 10 * value.Done / value.Total;
        var key = $"{value.Stage} {tenth}";
        if (key != last)
        {
            ProgressLine.Write($"calibrating: {value.Stage} {tenth * 10}% ({value.Done:N0} of {value.Total:N0})");
            last = key;
        }
    }
}
