// Posts an outcomes CSV to a running HealthFunctions app, runs a backtest job (and, with --calibrate, a calibration job),
// shows their progress, prints the backtest as tables and saves the HTML report.
// Usage: node scripts/backtest.mjs OUTCOMES.csv [--url URL] [--out FILE] [--lead 60,90] [--model VERSION | --draft FILE] [--calibrate]
// The jobs' progress is shown as they run; every step says at least every 15 s that it is still running.
import { readFileSync, writeFileSync } from "node:fs";
import { log, step } from "./progress.mjs";

const args = process.argv.slice(2);
const options = { url: "http://127.0.0.1:7071", out: "backtest-report.html", lead: "60,90", model: null, draft: null, calibrate: false };
let file;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (["--url", "--out", "--lead", "--model", "--draft"].includes(a)) {
    if (i + 1 >= args.length) { console.error(`${a} needs a value`); usage(2); }
    options[a.slice(2)] = args[++i];
  } else if (a === "--calibrate") options.calibrate = true;
  else if (a === "-h" || a === "--help") usage(0);
  else if (!file && !a.startsWith("--")) file = a;
  else { console.error(`unknown argument: ${a}`); usage(2); }
}
if (!file) usage(2);
if (options.model && options.draft) { console.error("--model and --draft exclude each other"); usage(2); }
const base = options.url.replace(/\/+$/, "") + "/api";

function usage(code) {
  const text = "usage: ./scripts/backtest.sh OUTCOMES.csv [--url http://127.0.0.1:7071] [--out backtest-report.html] [--lead 60,90]\n" +
    "                             [--model VERSION | --draft MODEL.json] [--calibrate]\n" +
    "  --model      backtest a stored model (GET /api/models lists them); default: the active one\n" +
    "  --draft      backtest (and calibrate) a model document that is not stored\n" +
    "  --calibrate  also run a calibration job at the first lead time (stores a proposal; never activates it)";
  if (code === 0) console.log(text);
  else console.error(text);
  process.exit(code);
}

async function call(method, path, body, contentType) {
  let response;
  try {
    response = await fetch(base + path, { method, headers: contentType ? { "content-type": contentType } : {}, body });
  } catch {
    console.error(`No app answers at ${options.url}. Start it with ./scripts/run.sh (or --demo), or pass --url.`);
    process.exit(1);
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try {
      const p = JSON.parse(text);
      detail = [p.detail ?? p.title, ...(p.errors ?? []).map((e) => `  ${e.field}: ${e.message}`)].join("\n");
    } catch { /* not problem+json */ }
    console.error(`${method} ${path}: HTTP ${response.status}\n${detail}`);
    process.exit(1);
  }
  return text;
}

const table = (headers, rows) => {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? "-")));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(cells[0]), "  " + widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
};
const pct = (x) => (x == null ? "-" : `${(100 * x).toFixed(1)}%`);
const num = (x, d = 3) => (x == null ? "-" : x.toFixed(d));

// Posts a job and polls it until it finishes, printing its stage and progress as they change; returns the finished job.
async function runJob(path, label) {
  const draft = options.draft ? readFileSync(options.draft) : undefined;
  const query = options.model ? `${path.includes("?") ? "&" : "?"}model=${encodeURIComponent(options.model)}` : "";
  let job = JSON.parse(await call("POST", path + query, draft, draft ? "application/json" : undefined));
  const started = Date.now();
  let last = "";
  while (!["succeeded", "failed", "timedout"].includes(job.status)) {
    await new Promise((r) => setTimeout(r, 1000));
    job = JSON.parse(await call("GET", job.url.replace(/^\/api/, "")));
    const p = job.progress;
    const line = `${label}: ${job.status}${p ? ` ${p.stage}${p.percent != null ? ` ${p.percent.toFixed(0)}%` : ""}` : ""}`;
    if (line !== last) console.error(`  [${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
    last = line;
  }
  if (job.status !== "succeeded") { console.error(`${label} ${job.status}: ${job.error}`); process.exit(1); }
  return job;
}

await call("GET", "/healthz");
const posted = JSON.parse(await step(`Posting outcomes from ${file}`, () => call("POST", "/outcomes", readFileSync(file), "text/csv")));
log(`Posted ${posted.accepted} outcomes from ${file} to ${options.url}.`);

const backtestJob = await runJob(`/backtest?leadDays=${encodeURIComponent(options.lead)}`, "backtest");
const report = backtestJob.result.backtest;
console.log(`\nBacktest of model ${report.modelVersion}`);
for (const r of report.leadTimes) {
  console.log(`\n== ${r.leadDays} days before the outcome ==`);
  console.log(table(["measure", "value"], [
    ["outcomes / scored at cut-off", `${r.outcomes} / ${r.included}`],
    ["excluded: no history / no score", `${r.excludedNoHistory} / ${r.excludedNoScore}`],
    ["churned (base rate)", `${r.churned} (${pct(r.baseRate)})`],
    ["ROC AUC (95% interval)", r.auc == null ? "-" : `${num(r.auc)} (${num(r.aucLow, 2)}-${num(r.aucHigh, 2)})`],
    ["Red precision / recall for churn", `${pct(r.redPrecision)} of ${r.redFlagged} / ${pct(r.redRecall)}`],
    ["top-decile lift", r.topDecileLift == null ? "-" : `${num(r.topDecileLift, 2)}x (${r.topDecileSize} accounts)`],
  ]));
  console.log("\n" + table(["tier", "accounts", "churned", "churn rate"], r.tiers.map((t) => [t.tier, t.accounts, t.churned, pct(t.churnRate)])));
  const flag = (d) => (d === "inverted" ? "INVERTED" : d === "weak" ? "weak" : d);
  console.log("\n" + table(["component / metric", "kind", "with data", "AUC", "direction"],
    r.features.map((f) => [f.name, f.kind, f.withData, num(f.auc), flag(f.direction)])));
  if (r.included === 0) console.log("\n  No outcome has a score this long before it: the history does not reach back that far.");
  else if (r.included < 100 || r.churned < 20) console.log(`\n  Few outcomes (${r.included}, ${r.churned} churned): read the AUC interval, not the point.`);
}

const firstLead = options.lead.split(",")[0];
let reportJob = backtestJob;
if (options.calibrate) {
  const job = await runJob(`/models/calibrate?leadDays=${firstLead}`, "calibration");
  const c = job.result.calibration;
  console.log(`\nCalibration at ${firstLead} days: ${c.trainOutcomes} earlier outcomes fitted, ${c.testOutcomes} later ones tested`);
  console.log(table(["model", "test AUC", "top-decile lift"], [
    [`current ${c.currentVersion}`, num(c.current.auc), num(c.current.topDecileLift, 2)],
    [`proposed ${c.proposedVersion}`, num(c.proposed.auc), num(c.proposed.topDecileLift, 2)],
  ]));
  if (c.recommended === false) {
    // Not recommended: say why, and no activate command (POST /api/models/activate refuses it without force and a reason).
    console.log(`\n  NOT RECOMMENDED: ${c.concerns.map((x) => x.message).join(" ")}`);
    console.log(`  Stored as a proposal; read it with GET ${base}/models/${encodeURIComponent(c.proposedVersion)}, and preview what activating it` +
      ` would do with POST ${base}/models/${encodeURIComponent(c.proposedVersion)}/preview.`);
  } else {
    console.log(`\n  Stored as a proposal; read it with GET ${base}/models/${encodeURIComponent(c.proposedVersion)},` +
      ` activate it with POST ${base}/models/activate {"version":"${c.proposedVersion}"}`);
  }
  reportJob = job;
}
const html = await call("GET", `/backtest/report?job=${reportJob.id}`);
writeFileSync(options.out, html);
console.log(`\nHTML report (charts${options.calibrate ? ", and the calibration" : ""}): ${options.out}`);
if (!options.calibrate) console.log(`To fit a proposed model too: add --calibrate (or POST ${base}/models/calibrate?leadDays=${firstLead})`);
