// The Model page's client: the one place that knows the model endpoints' shapes.
// Today: the active version from GET /api/healthz, its backtest from GET /api/backtest, a proposal from
// POST /api/models/calibrate (which answers with the proposal and both backtests), activation by POST /api/models/activate.
// When GET /api/models and GET /api/models/{version} (with calibration as a background job: 202 and a job URL) land,
// switch activeAndProposed() and calibrate() here; the page reads only what these functions return.
import { api } from "./api.js";

/** { active: { version, backtest }, proposed: [] } */
export async function activeAndProposed() {
  const health = await api("healthz");
  let backtest = null;
  let backtestError = null;
  try {
    backtest = await api("backtest?leadDays=60,90");
  } catch (e) {
    backtestError = e.message;
  }
  return { active: { version: health.modelVersion, backtest: backtest?.leadTimes ?? [], backtestError }, proposed: [] };
}

/** Fits a proposal to the renewal outcomes: { version, changes: [text], current: leadTimeReport, proposed: leadTimeReport }. */
export async function calibrate(leadDays, adminKey) {
  const r = await api(`models/calibrate?leadDays=${leadDays}`, { method: "POST", adminKey });
  return { version: r.proposedVersion, from: r.currentVersion, changes: r.changes.map((c) => c.text), current: r.current, proposed: r.proposed, trainOutcomes: r.trainOutcomes, testOutcomes: r.testOutcomes };
}

/** Makes a proposed model active on every instance. */
export async function activate(version, adminKey) {
  return api("models/activate", { method: "POST", body: { version }, adminKey });
}
