// The Model page's client: the one place that knows the model endpoints' shapes.
// GET /api/models (the active model, the baseline, stored proposals), GET /api/backtest (the newest finished backtest
// job), POST /api/models/calibrate (a background job: 202 with its URL, polled here until it finishes) and
// POST /api/models/activate.
import { api } from "./api.js";

/** { active: { version, backtest, backtestError }, proposed: [{ version, createdAt, testAuc, currentTestAuc, leadDays }] } */
export async function activeAndProposed() {
  const models = await api("models");
  let backtest = null;
  let backtestError = null;
  try {
    backtest = await api("backtest");
  } catch (e) {
    backtestError = e.status === 404 || e.status === 409
      ? "none has finished yet (post renewal outcomes to /api/outcomes, then run one here or with ./scripts/backtest.sh)"
      : e.message;
  }
  return { active: { version: models.active.version, backtest: backtest?.leadTimes ?? [], backtestError }, proposed: models.proposed ?? [] };
}

/** Polls a job until it finishes, calling onProgress with each stage; resolves to the finished job's result. */
async function finish(job, label, onProgress) {
  while (!["succeeded", "failed", "timedout"].includes(job.status)) {
    onProgress(job.progress?.stage ?? job.status);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    job = await api(job.url.replace(/^\/api\//, ""));
  }
  if (job.status !== "succeeded") throw new Error(`The ${label} ${job.status}: ${job.error ?? "see GET " + job.url}`);
  return job.result;
}

/** Backtests the active model at 60 and 90 days as a background job; resolves to its lead-time reports. */
export async function backtest(key, onProgress = () => {}) {
  const job = await api("backtest?leadDays=60,90", { method: "POST", adminKey: key });
  return (await finish(job, "backtest", onProgress)).backtest.leadTimes;
}

/**
 * Fits a proposal to the renewal outcomes as a background job, calling onProgress with each new stage; resolves to
 * { version, from, changes: [text], current: leadTimeReport, proposed: leadTimeReport, trainOutcomes, testOutcomes }.
 */
export async function calibrate(leadDays, adminKey, onProgress = () => {}) {
  const job = await api(`models/calibrate?leadDays=${leadDays}`, { method: "POST", adminKey });
  const r = (await finish(job, "calibration", onProgress)).calibration;
  return { version: r.proposedVersion, from: r.currentVersion, changes: r.changes.map((c) => c.text), current: r.current, proposed: r.proposed, trainOutcomes: r.trainOutcomes, testOutcomes: r.testOutcomes };
}

/** Makes a proposed model active on every instance. */
export async function activate(version, adminKey) {
  return api("models/activate", { method: "POST", body: { version }, adminKey });
}
