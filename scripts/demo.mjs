// Simulates a SaaS customer base posting signal webhooks for 90 days, then rescores and prints the outcome.
// It also backfills weekly history and writes renewal outcomes for the last 10 days to .bench/demo-outcomes.csv
// (accounts whose health ends low churn more often), for ./scripts/backtest.sh.
// Usage: node scripts/demo.mjs [URL] [ACCOUNTS]     (URL default http://127.0.0.1:7071/api, ACCOUNTS default 300)
// Deterministic: the same seed gives the same customers and signals, and the app's answers do not depend on when its
// timers fire, so a run on an empty store gives the same portfolio and tasks every time. Progress lines carry ISO times.
import { log, progress, step } from "./progress.mjs";

const usage = "usage: node scripts/demo.mjs [URL] [ACCOUNTS]   (URL default http://127.0.0.1:7071/api, ACCOUNTS default 300)";
const positional = [];
for (const a of process.argv.slice(2)) {
  if (a === "-h" || a === "--help") { console.log(usage); process.exit(0); }
  if (a.startsWith("-")) { console.error(`demo.mjs: unknown option ${a}\n${usage}`); process.exit(2); }
  positional.push(a);
}
if (positional.length > 2 || (positional[1] !== undefined && !/^[1-9][0-9]{0,5}$/.test(positional[1]))) {
  console.error(usage);
  process.exit(2);
}
const base = positional[0] ?? "http://127.0.0.1:7071/api";
const accountCount = Number(positional[1] ?? 300);
const days = 90;

let seed = 20261123;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round1 = (x) => Math.round(x * 10) / 10;

// Health level over time (day 0 = 90 days ago, day 89 = today) per persona.
const personas = {
  thriving: () => 0.92,
  steady: () => 0.72,
  declining: (d) => (d < 74 ? 0.9 : 0.9 - ((d - 74) / 15) * 0.75),
  struggling: () => 0.3,
  recovering: (d) => (d < 70 ? 0.3 : Math.min(0.92, 0.3 + ((d - 70) / 12) * 0.62)),
  slipping: (d) => (d < 76 ? 0.88 : 0.7),
};
const mix = ["thriving", "thriving", "steady", "steady", "declining", "struggling", "recovering", "slipping"];
const segments = ["SMB", "SMB", "MidMarket", "MidMarket", "Enterprise"];
const owners = ["dana", "lee", "sam", "rio", "kim"];

async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function signalsFor(accountId, persona, today) {
  const out = [];
  const level = personas[persona];
  let n = 0;
  const add = (metric, value, day, hour) => {
    const t = new Date(today.getTime() - (days - 1 - day) * 86400000);
    t.setUTCHours(hour, Math.floor(rand() * 60), 0, 0);
    // Today's events happen up to now, never later: the same day's bucket whatever the hour the demo runs.
    const at = new Date(Math.min(t.getTime(), startedAt));
    out.push({ accountId, metric, value: round1(value), timestamp: at.toISOString(), eventId: `demo-${accountId}-${metric}-${day}-${n++}`, source: "demo" });
  };
  for (let d = 0; d < days; d++) {
    const h = clamp(level(d) + (rand() - 0.5) * 0.08, 0, 1);
    add("logins", Math.round(9 * h * (0.6 + rand() * 0.8)), d, 8);
    if (d % 7 === 0 || d === days - 1) {
      add("active_users_pct", clamp(100 * h + (rand() - 0.5) * 8, 0, 100), d, 9);
      add("feature_adoption_pct", clamp(85 * h + (rand() - 0.5) * 8, 0, 100), d, 9);
      add("milestones_completed_pct", clamp(105 * h, 0, 100), d, 10);
      add("onboarding_progress_pct", clamp(120 * h, 0, 100), d, 10);
    }
    if (d % 14 === 3 || d === days - 2) add("csm_pulse", clamp(10 * h + (rand() - 0.5), 0, 10), d, 11);
    if (rand() < 0.08) add("nps", clamp(Math.round(10 * h + (rand() - 0.5) * 2), 0, 10), d, 12);
    if (rand() < 0.55 * (1 - h) + 0.02) {
      add("tickets_opened", 1, d, 13);
      add("ticket_severity_max", clamp(Math.round(1 + 3 * (1 - h) + (rand() - 0.5)), 1, 4), d, 13);
      add("resolution_hours", clamp(4 + 68 * (1 - h) + (rand() - 0.5) * 6, 1, 120), d, 16);
      add("csat", clamp(1 + 4 * h + (rand() - 0.5) * 0.6, 1, 5), d, 17);
      add("ces", clamp(7 - 6 * h + (rand() - 0.5) * 0.6, 1, 7), d, 17);
    }
    if (h < 0.4 && rand() < 0.04) add("escalations", 1, d, 14);
  }
  return out;
}

async function inParallel(items, limit, work) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

const startedAt = Date.now();
const today = new Date(startedAt);
today.setUTCHours(0, 0, 0, 0);
const accounts = Array.from({ length: accountCount }, (_, i) => ({
  id: `demo-${String(i + 1).padStart(4, "0")}`,
  persona: mix[i % mix.length],
  segment: segments[i % segments.length],
  owner: owners[i % owners.length],
}));

const started = Date.now();
log(`Demo: ${accountCount} accounts, ${days} days of signals`);
// ARR by segment and renewal dates spread over the year (about one account in twelve renews within 30 days).
const arrBase = { SMB: 9000, MidMarket: 48000, Enterprise: 180000 };
const profiles = progress("Profiles", accounts.length);
await inParallel(accounts, 8, async (a) => {
  const i = Number(a.id.slice(5));
  const renewal = new Date(today.getTime() + ((i * 37) % 365 + 1) * 86400000).toISOString().slice(0, 10);
  await call("PUT", `/accounts/${a.id}`, {
    name: `Customer ${a.id.slice(5)} (${a.persona})`, segment: a.segment, lifecycleStage: "mature",
    arr: arrBase[a.segment] + ((i * 7919) % 13) * arrBase[a.segment] / 10, renewalDate: renewal, owner: a.owner,
  });
  profiles.add();
});
const batches = [];
let pending = [];
for (const a of accounts) {
  pending.push(...signalsFor(a.id, a.persona, today));
  while (pending.length >= 1000) batches.push(pending.splice(0, 1000));
}
if (pending.length) batches.push(pending);
let posted = 0;
const posting = progress("Posting signals (webhook calls)", batches.length);
await inParallel(batches, 4, async (b) => {
  const r = await call("POST", "/signals", { signals: b });
  posted += r.accepted;
  posting.add();
});
log(`Posted ${posted} signals in ${batches.length} webhook calls (${((Date.now() - started) / 1000).toFixed(1)} s).`);

// RescoreDirty (every minute) may already have scored some accounts for today while the history was arriving; the
// baseline below then becomes theirs and today is measured against it (docs/architecture.md, "Backfilling history").
const twoWeeksAgo = new Date(today.getTime() - 14 * 86400000).toISOString().slice(0, 10);
const baseline = await step(`Rescoring as of ${twoWeeksAgo} (baseline)`, () => call("POST", `/ops/rescore?asOf=${twoWeeksAgo}`));
log(`Rescored as of ${baseline.asOf}: ${baseline.scored} accounts.`);
const now = await step("Rescoring as of today", () => call("POST", "/ops/rescore"));
log(`Rescored as of ${now.asOf}: ${now.scored} accounts, ${now.transitions} score changes published, ${now.durationMs} ms.`);

// History for the backtest and the dashboard's trend: weekly for the quarter, daily for the last month. Days after
// the baseline become today's baseline in turn (so "since the previous day" is yesterday), and a kind already
// published today is not published again.
const backfill = [84, 77, 70, 63, 56, 49, 42, 35, ...Array.from({ length: 29 }, (_, j) => 29 - j)].filter((k) => k !== 14);
const backfills = progress("Backfilling history", backfill.length, 0);
for (const k of backfill) {
  await call("POST", `/ops/rescore?asOf=${new Date(today.getTime() - k * 86400000).toISOString().slice(0, 10)}`);
  backfills.add();
}

// The daily run once more, now that the history is in: it raises the dwell playbooks (an account Red for 14 days and
// more gets a recovery task, if no recovery task is open), which look at how long each account has been in its tier.
const daily = await step("Rescoring as of today again (the daily run: tier dwell)", () => call("POST", "/ops/rescore"));
log(`Daily run: ${daily.scored} accounts rescored, ${daily.transitions} changes published (dwell included).`);

// DispatchPlaybooks drains the playbooks subscription on its timer; drain it now, until it is empty, so the
// tasks below are all of them, however busy the machine is.
for (let run = await call("POST", "/ops/dispatch"); run.received > 0; run = await call("POST", "/ops/dispatch")) {
  if (run.abandoned > 0) { console.log(`  dispatch: ${run.abandoned} message(s) failed and wait for the next run; see the app's log`); break; }
}
// Every task, page by page (the list is paged on the server; 500 is its largest page), soonest due first.
const tasks = { count: 0, tasks: [] };
for (let page = 1; ; page++) {
  const p = await call("GET", `/tasks?pageSize=500&page=${page}`);
  tasks.count = p.count;
  tasks.tasks.push(...p.tasks);
  if (tasks.tasks.length >= p.count || p.tasks.length === 0) break;
}
const p = await call("GET", "/portfolio");
console.log(`\nPortfolio: ${p.accounts} accounts, ${p.scored} scored, average ${p.averageScore}`);
console.log("  by tier:    " + Object.entries(p.byTier).map(([k, v]) => `${k} ${v}`).join(", "));
console.log("  by segment: " + Object.entries(p.bySegment).map(([k, v]) => `${k} ${v}`).join(", "));
console.log("  biggest drops:");
for (const d of p.biggestDrops) console.log(`    ${d.accountId.padEnd(10)} ${String(d.previousScore).padStart(5)} -> ${String(d.score).padStart(5)} (${d.delta})  ${d.tier}  ${d.name}`);
const byPlaybook = {};
for (const t of tasks.tasks) byPlaybook[t.playbook] = (byPlaybook[t.playbook] ?? 0) + 1;
console.log(`\nTasks created: ${tasks.count} (${Object.entries(byPlaybook).map(([k, v]) => `${k} ${v}`).join(", ") || "none"})`);
for (const t of tasks.tasks.slice(0, 8)) console.log(`  ${t.accountId}  ${t.playbook.padEnd(16)} due ${t.dueOn}  owner ${t.owner ?? t.ownerRole}  "${t.title}" (+${t.steps.length - 1} steps)`);
const sample = p.biggestDrops[0]?.accountId;
if (sample) console.log(`\nExplain one: curl -s ${base}/accounts/${sample}/health`);

// Renewal outcomes in the last 10 days: churn is likelier the lower the account's health, over the quarter and at
// its end (so accounts that decline late churn too, which a score taken 60 days ahead cannot see).
const outcomeLines = ["accountId,date,outcome,arrBefore,arrAfter"];
accounts.forEach((a, i) => {
  const level = (personas[a.persona](30) + personas[a.persona](days - 1)) / 2;
  const churned = rand() < 0.02 + 0.65 * (1 - level) ** 2;
  const date = new Date(today.getTime() - (i % 10) * 86400000).toISOString().slice(0, 10);
  const arr = 12000 + i * 100;
  const kind = churned ? "churned" : level > 0.85 && rand() < 0.4 ? "expanded" : level < 0.75 && rand() < 0.3 ? "contracted" : "renewed";
  const after = { churned: 0, expanded: Math.round(arr * 1.2), contracted: Math.round(arr * 0.8), renewed: arr }[kind];
  outcomeLines.push(`${a.id},${date},${kind},${arr},${after}`);
});
const { mkdirSync, writeFileSync } = await import("node:fs");
const { dirname, join } = await import("node:path");
const { fileURLToPath } = await import("node:url");
const outcomesFile = join(dirname(fileURLToPath(import.meta.url)), "..", ".bench", "demo-outcomes.csv");
mkdirSync(dirname(outcomesFile), { recursive: true });
writeFileSync(outcomesFile, outcomeLines.join("\n") + "\n");
// What a run produced, without times, so two runs can be compared with diff (the same on an empty store every time).
const resultFile = join(dirname(outcomesFile), "demo-result.json");
const taskLines = tasks.tasks.map((t) => ({ taskId: t.taskId, accountId: t.accountId, playbook: t.playbook, kind: t.transitionKind, dueOn: t.dueOn, owner: t.owner, title: t.title }))
  .sort((a, b) => (a.accountId + a.taskId < b.accountId + b.taskId ? -1 : 1));
writeFileSync(resultFile, JSON.stringify({ portfolio: p, tasks: taskLines }, null, 1) + "\n");
console.log(`\nBackfilled history (weekly for the quarter, daily for the last month); wrote ${accounts.length} renewal outcomes to ${outcomesFile}`);
console.log(`The portfolio and every task, for comparing runs: ${resultFile}`);

// The outcomes go in, and a backtest job runs on them, so the dashboard's Model page shows how the score did.
const outcomeRecords = outcomeLines.slice(1).map((line) => {
  const [accountId, date, outcome, arrBefore, arrAfter] = line.split(",");
  return { accountId, date, outcome, arrBefore: Number(arrBefore), arrAfter: Number(arrAfter) };
});
await call("POST", "/outcomes", { outcomes: outcomeRecords });
let job = await call("POST", "/backtest?leadDays=60,90");
job = await step("Backtesting the score against the renewal outcomes (a background job)", async () => {
  while (!["succeeded", "failed", "timedout"].includes(job.status)) {
    await new Promise((r) => setTimeout(r, 1000));
    job = await call("GET", job.url.replace(/^\/api/, ""));
  }
  return job;
});
if (job.status === "succeeded") {
  const lines = job.result.backtest.leadTimes.map((r) => `${r.leadDays} days ahead: AUC ${r.auc?.toFixed(3) ?? "-"}, top-decile lift ${r.topDecileLift?.toFixed(2) ?? "-"}`);
  log(`Backtest of ${outcomeRecords.length} renewal outcomes: ${lines.join("; ")} (the dashboard's Model page shows it)`);
} else {
  log(`The backtest job ${job.status}: ${job.error}`);
}
// The alerts consumer drains its own subscription on its timer; drain it now, so the alerts of this demo's score changes
// have gone to Slack and Teams (with ./scripts/run.sh --demo: the local fake receiver, which prints each one).
let alerted = 0;
for (let run = await call("POST", "/ops/alerts"); run.received > 0; run = await call("POST", "/ops/alerts")) {
  alerted += run.completed;
  if (run.abandoned > 0) { console.log("  alerts: a receiver failed; the score changes wait in the alerts subscription for the next run"); break; }
}
// The consumer's own timer may have sent most of them already; the fake receiver keeps each message it got as a file.
const { existsSync, readdirSync } = await import("node:fs");
const alertDir = join(dirname(outcomesFile), "alerts");
const received = existsSync(alertDir) ? readdirSync(alertDir).filter((f) => f.endsWith(".json")) : [];
log(received.length
  ? `Alerts: ${received.filter((f) => f.includes("slack")).length} Slack and ${received.filter((f) => f.includes("teams")).length} Teams messages reached the local fake receiver (.bench/alerts/)`
  : `Alerts: ${alerted} score change(s) went through the alerts consumer (no webhook set: nothing was posted)`);
console.log(`Backtest and calibrate them again: ./scripts/backtest.sh .bench/demo-outcomes.csv --lead 60 [--calibrate]`);
