// The Model page's client: the one place that knows the model endpoints' shapes.
// GET /api/models (the active model, the baseline, stored proposals with, where the server gives them, "recommended",
// "concerns" and "flippedMetrics"), GET /api/backtest (the newest finished backtest job), GET /api/jobs/{id} (a
// proposal's calibration: both models backtested side by side), GET /api/models/{version}/changes (what it changes, in
// words), POST /api/models/calibrate and POST /api/models/{version}/preview (background jobs, polled here) and
// POST /api/models/activate ({version, force?, reason?}).
import { api, ApiError } from "./api.js";

/** { active: { version, source, backtest, backtestError }, proposed: [{ version, createdAt, job, testAuc, currentTestAuc, leadDays, recommended?, concerns? }] } */
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
  return { active: { version: models.active.version, source: models.active.source, backtest: backtest?.leadTimes ?? [], backtestError }, proposed: models.proposed ?? [] };
}

/** Polls a job until it finishes, calling onProgress with each stage; resolves to the finished job. */
async function finish(job, label, onProgress) {
  while (!["succeeded", "failed", "timedout"].includes(job.status)) {
    onProgress(job.progress?.stage ?? job.status);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    job = await api(job.url.replace(/^\/api\//, ""));
  }
  if (job.status !== "succeeded") throw new Error(`The ${label} ${job.status}: ${job.error ?? "see GET " + job.url}`);
  return job;
}

/** Backtests the active model at 60 and 90 days as a background job; resolves to its lead-time reports. */
export async function backtest(key, onProgress = () => {}) {
  const job = await api("backtest?leadDays=60,90", { method: "POST", adminKey: key });
  return (await finish(job, "backtest", onProgress)).result.backtest.leadTimes;
}

/** Fits a proposal to the renewal outcomes as a background job; resolves to the proposed version. */
export async function calibrate(leadDays, adminKey, onProgress = () => {}) {
  const job = await api(`models/calibrate?leadDays=${leadDays}`, { method: "POST", adminKey });
  return (await finish(job, "calibration", onProgress)).result.calibration.proposedVersion;
}

/**
 * A stored proposal beside the active model: its calibration (both models backtested on the same later outcomes, the
 * weights, the changes with the log-odds behind them), what it changes in words, and its report's URL.
 */
export async function proposal(p) {
  const [job, changes] = await Promise.all([
    p.job ? api(`jobs/${encodeURIComponent(p.job)}`).catch(() => null) : null,
    api(`models/${encodeURIComponent(p.version)}/changes`).catch(() => ({ changes: [] })),
  ]);
  return { calibration: job?.result?.calibration ?? null, changes: changes.changes, reportUrl: job?.reportUrl ?? null };
}

/**
 * The activation preview of a version (a background job): what would change if it were active. Resolves to
 * { available: true, preview } or, while the server has no preview endpoint (404), { available: false }.
 */
export async function preview(version, adminKey, onProgress = () => {}) {
  let job;
  try {
    job = await api(`models/${encodeURIComponent(version)}/preview`, { method: "POST", adminKey });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return { available: false };
    throw e;
  }
  return { available: true, preview: (await finish(job, "preview", onProgress)).result.preview };
}

/** Makes a proposed model active on every instance; a not-recommended one needs force and a reason. */
export async function activate(version, adminKey, { force, reason } = {}) {
  const body = { version };
  if (force) { body.force = true; body.reason = reason; }
  return api("models/activate", { method: "POST", body, adminKey });
}
