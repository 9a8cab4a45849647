// Progress for the long runs of the scripts (the demo's posting and backfills, the backtest and its calibration): each
// line stamped with the UTC time in ISO 8601, as the app's logs are. Generic: a counter of work done, and a step that
// says it is still running while it waits on anything (a request, a background job being polled).

/** The time now as 2026-11-23T09:30:00Z. */
export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** Prints one line, stamped. */
export const log = (message) => console.log(`${now()} ${message}`);

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A counter for `total` units of work: `add(n)` after each piece; prints "label: done/total (pct%)" at most every
 * `everyMs` and once at the end.
 */
export function progress(label, total, everyMs = 5000) {
  const started = Date.now();
  let done = 0;
  let shown = started;
  return {
    add(n = 1) {
      done += n;
      const t = Date.now();
      if (done >= total) log(`${label}: ${done}/${total} (100%) in ${seconds(t - started)}`);
      else if (t - shown >= everyMs) {
        shown = t;
        log(`${label}: ${done}/${total} (${Math.floor((100 * done) / total)}%)`);
      }
    },
  };
}

/** Awaits `work` (a promise or a function returning one), saying every `everyMs` that it is still running, and how long it took. */
export async function step(label, work, everyMs = 15000) {
  const started = Date.now();
  log(`${label}...`);
  const timer = setInterval(() => log(`${label}: still running (${seconds(Date.now() - started)})`), everyMs);
  try {
    const result = await (typeof work === "function" ? work() : work);
    log(`${label}: done in ${seconds(Date.now() - started)}`);
    return result;
  } finally {
    clearInterval(timer);
  }
}
