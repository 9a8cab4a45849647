import { apiUrl, query } from "./api.js";
import { h, mount } from "./dom.js";
import { fmt } from "./format.js";
import { activeAndProposed, backtest, calibrate, activate, proposal, preview } from "./models-api.js";

const adminKey = () => sessionStorage.getItem("hf-admin-key") ?? "";

/**
 * The Model page: the active model with its backtest (and why a column is empty), the stored proposals, one of them
 * opened beside the active model (#/model?proposal=VERSION: backtests side by side, what changes in plain words with
 * the evidence behind each, the log-odds detail behind a toggle, its report, the activation preview and activation),
 * and a new proposal fitted to the renewal outcomes.
 */
export async function showModel(view, params = new URLSearchParams()) {
  const models = await activeAndProposed();
  const open = params.get("proposal");
  const chosen = models.proposed.find((p) => p.version === open);
  const key = h("input", { type: "password", id: "admin-key", placeholder: "admin key (Azure only)", value: adminKey(), autocomplete: "off",
    onchange: (e) => sessionStorage.setItem("hf-admin-key", e.target.value) });
  const keyField = h("label", { for: "admin-key" }, "Admin key ", key);
  const backtestStatus = h("p", { class: "muted", role: "status" });
  const runBacktest = async () => {
    backtestStatus.className = "muted";
    backtestStatus.textContent = "Backtesting the active model on the renewal outcomes…";
    try {
      await backtest(key.value, (stage) => { backtestStatus.textContent = `Backtesting the active model on the renewal outcomes: ${stage}…`; });
      await showModel(view, params);
    } catch (err) { backtestStatus.className = "error"; backtestStatus.textContent = err.message; }
  };
  const status = h("p", { role: "status", dataset: { testid: "model-status" } });
  const lead = h("select", { id: "lead-days" }, [60, 90].map((d) => h("option", { value: d }, `${d} days ahead`)));
  const runCalibration = async () => {
    status.className = "muted";
    status.textContent = "Calibrating on the renewal outcomes…";
    try {
      const version = await calibrate(Number(lead.value), key.value, (stage) => { status.textContent = `Calibrating on the renewal outcomes: ${stage}…`; });
      location.hash = "#/model" + query({ proposal: version }); // the new proposal, opened beside the active model
    } catch (err) { status.className = "error"; status.textContent = err.message; }
  };

  mount(view,
    h("h1", {}, "Model"),
    h("section", { class: "card", "aria-labelledby": "active-title" },
      h("h2", { id: "active-title" }, "Active model: ", h("span", { dataset: { testid: "active-model" } }, models.active.version)),
      models.active.backtestError ? h("p", { class: "muted" }, `No backtest: ${models.active.backtestError}`) : backtestTable(models.active.backtest, "Backtest of the active model"),
      h("div", { class: "row" },
        h("button", { type: "button", onclick: runBacktest }, models.active.backtestError ? "Run a backtest" : "Backtest again"),
        models.active.backtestError ? null : h("a", { class: "button secondary", href: apiUrl("backtest/report"), target: "_blank", rel: "noopener", dataset: { testid: "report-link" } }, "Open the backtest report")),
      backtestStatus),
    h("section", { class: "card mt", "aria-labelledby": "proposals-title" }, h("h2", { id: "proposals-title" }, "Stored proposals"),
      models.proposed.length ? proposalsTable(models.proposed, open) : h("p", { class: "muted" }, "None yet: fit one to the renewal outcomes below.")),
    chosen ? h("section", { class: "card mt", "aria-labelledby": "beside-title", dataset: { testid: "proposal-view" } }, h("p", { class: "muted" }, "Loading the proposal…"))
      : open ? h("p", { class: "error" }, `No stored proposal has version ${open}.`) : null,
    h("section", { class: "card mt", "aria-labelledby": "propose-title" }, h("h2", { id: "propose-title" }, "Propose a model from the renewal outcomes"),
      h("p", { class: "muted" }, "Fits the weights to earlier outcomes and backtests both models on the later ones. Nothing changes until you activate. "
        + "In Azure, calibration and activation need the admin key, as in the API."),
      h("div", { class: "row" }, h("label", { for: "lead-days" }, "Lead time "), lead, keyField, h("button", { type: "button", onclick: runCalibration }, "Calibrate")), status));
  if (chosen) {
    const section = view.querySelector("[data-testid=proposal-view]");
    mount(section, await besideActive(models.active, chosen, key, () => showModel(view, new URLSearchParams())));
  }
  view.dataset.loaded = "model";
}

/** Why a backtest column is empty, in words (null when it is not). */
export function whyEmpty(r) {
  if (!r) return "no backtest";
  if (r.outcomes === 0) return "no outcomes in that window";
  if (r.included === 0) {
    return `none of its ${r.outcomes} outcomes had a score ${r.leadDays} days before`
      + ` (${r.excludedNoHistory} with no history that far back, ${r.excludedNoScore} with too little data to score)`;
  }
  if (r.auc === null || r.auc === undefined) return "it needs both churned and renewed accounts";
  return null;
}

const figures = [
  ["Outcomes scored", (r) => String(r.included)],
  ["Churned", (r) => String(r.churned)],
  ["AUC (churn)", (r) => r.auc?.toFixed(3) ?? "—"],
  ["Red precision", (r) => fmt.percent(r.redPrecision)],
  ["Red recall", (r) => fmt.percent(r.redRecall)],
  ["Top-decile lift", (r) => r.topDecileLift?.toFixed(2) ?? "—"],
];

/** Figures by lead time (one column each); an empty column says why. */
function backtestTable(reports, caption) {
  if (!reports.length) return h("p", { class: "muted" }, "No renewal outcomes yet: post them to /api/outcomes to see how well the score predicts churn.");
  const why = reports.map(whyEmpty);
  return h("div", { class: "table-scroll" }, h("table", { dataset: { testid: "backtest" } },
    h("caption", { class: "visually-hidden" }, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Lead time"), reports.map((r) => h("th", { scope: "col", class: "num" }, `${r.leadDays} days ahead`)))),
    h("tbody", {},
      figures.map(([label, get]) => h("tr", {}, h("th", { scope: "row" }, label), reports.map((r, i) => h("td", { class: "num" }, why[i] && label !== "Outcomes scored" ? "—" : get(r))))),
      why.some(Boolean) ? h("tr", {}, h("th", { scope: "row" }, "Why empty"), why.map((w) => h("td", { class: "muted", dataset: { testid: "why-empty" } }, w ?? ""))) : null)));
}

function proposalsTable(proposed, open) {
  const auc = (x) => (x == null ? "—" : x.toFixed(3));
  const verdict = (p) => p.recommended === undefined ? "—" : p.recommended ? "recommended" : `not recommended${p.concerns?.length ? `: ${p.concerns.map((c) => c.message).join("; ")}` : ""}`;
  return h("div", { class: "table-scroll" }, h("table", { dataset: { testid: "proposals" } },
    h("caption", { class: "visually-hidden" }, "Stored proposals"),
    h("thead", {}, h("tr", {}, ["Version", "Fitted", "Lead", "Test AUC (then active)", "Test AUC (proposed)", "Guardrails", ""].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, proposed.map((p) => h("tr", { dataset: { proposal: p.version }, class: p.version === open ? "evidence" : null },
      h("td", {}, p.version), h("td", {}, p.createdAt ? p.createdAt.slice(0, 10) : "—"), h("td", { class: "num" }, p.leadDays ? `${p.leadDays} d` : "—"),
      h("td", { class: "num" }, auc(p.currentTestAuc)), h("td", { class: "num" }, auc(p.testAuc)), h("td", {}, verdict(p)),
      h("td", {}, h("a", { href: "#/model" + query({ proposal: p.version }), dataset: { testid: "open-proposal" } }, "Open beside the active model")))))));
}

/** Text with `code` spans: the backticks become code elements, never shown as such. */
function withCode(text) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? h("code", {}, part) : part));
}

/** A proposal beside the active model. */
async function besideActive(active, p, key, afterActivation) {
  const { calibration: c, changes, reportUrl } = await proposal(p);
  const activeReport = c?.current;
  const proposedReport = c?.proposed;
  const evidence = new Map((c?.diagnostics?.test ?? []).map((f) => [f.name, f]));
  const training = new Map((c?.diagnostics?.training ?? []).map((f) => [f.name, f]));
  const side = h("div", { class: "table-scroll" }, activeReport ? h("table", { dataset: { testid: "side-by-side" } },
    h("caption", {}, `On ${c.testOutcomes} later outcomes (${c.leadDays} days ahead), fitted on ${c.trainOutcomes} earlier ones`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Figure"), h("th", { scope: "col", class: "num" }, `Active ${active.version}`), h("th", { scope: "col", class: "num" }, `Proposed ${p.version}`))),
    h("tbody", {}, figures.map(([label, get]) => h("tr", {}, h("th", { scope: "row" }, label), h("td", { class: "num" }, get(activeReport)), h("td", { class: "num" }, get(proposedReport)))),
      [whyEmpty(activeReport), whyEmpty(proposedReport)].some(Boolean)
        ? h("tr", {}, h("th", { scope: "row" }, "Why empty"), h("td", { class: "muted" }, whyEmpty(activeReport) ?? ""), h("td", { class: "muted" }, whyEmpty(proposedReport) ?? "")) : null))
    : h("p", { class: "muted" }, "Its calibration job's result is gone, so there are no backtest figures to show beside the active model."));

  const evidenceFor = (metric) => {
    const t = evidence.get(metric);
    const tr = training.get(metric);
    if (!t && !tr) return "No backtest evidence for this metric (no data at the cut-offs).";
    const part = (f, when) => f ? `${when}: AUC ${f.auc?.toFixed(2) ?? "—"} on its own (${f.direction}; ${f.withData} outcomes with data, ${f.churnedWithData} churned)` : null;
    return [part(tr, "earlier outcomes"), part(t, "later outcomes")].filter(Boolean).join("; ") + ".";
  };
  const plain = changes.length === 0 ? h("p", { class: "muted" }, "Nothing changes in how the metrics count.")
    : h("ul", { class: "plain", dataset: { testid: "what-changes" } }, changes.map((ch) => {
      const note = h("p", { class: "muted evidence", hidden: true, dataset: { testid: "evidence" } }, evidenceFor(ch.metric));
      const button = h("button", { type: "button", class: "secondary", "aria-expanded": "false", onclick: () => {
        note.hidden = !note.hidden;
        button.setAttribute("aria-expanded", String(!note.hidden));
      } }, "Evidence");
      return h("li", { dataset: { metric: ch.metric } }, ch.text, " ", button, note);
    }));
  const detail = c ? h("details", { dataset: { testid: "log-odds" } }, h("summary", {}, "The fit behind it (log-odds, weights, normalizers)"),
    h("ul", {}, c.changes.map((x) => h("li", {}, withCode(x.text)))),
    weightsTable("Metric weights within their components", c.metrics), weightsTable("Component weights", c.components)) : null;
  const actions = activation(active, p, key, afterActivation);
  return h("div", {},
    h("h2", { id: "beside-title" }, `${p.version} beside the active model`),
    side,
    reportUrl ? h("p", {}, h("a", { class: "button secondary", href: apiUrl(reportUrl.replace(/^\/api\//, "")), target: "_blank", rel: "noopener", dataset: { testid: "proposal-report" } }, "Open its backtest report")) : null,
    h("h3", { class: "mt" }, "What changes"), plain, detail, actions);
}

function weightsTable(title, rows) {
  if (!rows?.length) return null;
  return h("div", { class: "table-scroll" }, h("table", {}, h("caption", {}, title),
    h("thead", {}, h("tr", {}, ["Name", "Now", "Proposed", "Effect (log-odds)", "Why"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map((w) => h("tr", {}, h("td", {}, w.name), h("td", { class: "num" }, fmt.number(w.current)), h("td", { class: "num" }, fmt.number(w.proposed)),
      h("td", { class: "num" }, fmt.number(w.effect)), h("td", {}, withCode(w.note)))))));
}

/**
 * Preview, then activate: Activate is enabled only once a preview of this version has succeeded and is shown (or the
 * server says it has no preview); a proposal that is not recommended asks for a reason and is sent with force.
 */
function activation(active, p, key, afterActivation) {
  const out = h("div", { dataset: { testid: "preview" } });
  const status = h("p", { role: "status", dataset: { testid: "activation-status" } });
  const reason = h("textarea", { id: "activation-reason", rows: 2, cols: 50, dataset: { testid: "activation-reason" } });
  const notRecommended = p.recommended === false;
  const activateButton = h("button", { type: "button", disabled: true, dataset: { testid: "activate" }, onclick: async () => {
    if (notRecommended && !reason.value.trim()) { status.className = "error"; status.textContent = "Say why you activate a proposal that is not recommended."; reason.focus(); return; }
    try {
      await activate(p.version, key.value, { force: notRecommended, reason: reason.value.trim() });
      status.className = "ok";
      status.textContent = `${p.version} is active.`;
      location.hash = "#/model";
      await afterActivation();
    } catch (err) {
      status.className = "error";
      status.textContent = err.status === 409 && err.problem?.concerns
        ? `Refused: ${err.problem.concerns.map((x) => x.message).join("; ")}`
        : err.message;
    }
  } }, `Activate ${p.version}`);
  const previewButton = h("button", { type: "button", class: "secondary", dataset: { testid: "run-preview" }, onclick: async () => {
    status.className = "muted";
    status.textContent = "Previewing what would change…";
    try {
      const result = await preview(p.version, key.value, (stage) => { status.textContent = `Previewing what would change: ${stage}…`; });
      status.textContent = "";
      if (!result.available) {
        mount(out, h("p", { class: "callout warn", dataset: { testid: "preview-unavailable" } },
          "Preview not available: this server does not preview activations yet. You may activate without one."));
      } else {
        mount(out, previewView(result.preview, active));
      }
      activateButton.disabled = false;
    } catch (err) { status.className = "error"; status.textContent = err.message; }
  } }, "Preview activation");
  return h("div", { class: "mt" },
    h("h3", {}, "Activate"),
    notRecommended ? h("div", { class: "callout warn" }, h("strong", {}, "Not recommended: "), (p.concerns ?? []).map((c) => c.message).join("; ") || "see its backtest") : null,
    h("p", { class: "muted" }, "Preview first: it shows how many accounts would change tier and which tasks would open. Activate is enabled once the preview is shown."),
    h("div", { class: "row" }, previewButton, activateButton),
    out,
    notRecommended ? h("p", {}, h("label", { for: "activation-reason" }, "Why activate it anyway (required)"), h("br", {}), reason) : null,
    status);
}

function previewView(v, active) {
  const changes = v.tierChanges ?? [];
  return h("div", { class: v.recommended === false ? "callout warn" : "callout", dataset: { testid: "preview-result" } },
    h("p", {}, `Against ${v.activeVersion ?? active.version}, over ${fmt.number(v.accounts)} accounts: ${fmt.number(v.drops)} would drop a tier, ${fmt.number(v.rises)} would rise, `
      + `${fmt.number(v.tasksWouldOpen)} task(s) would open.`),
    changes.length ? h("ul", {}, changes.map((t) => h("li", {}, `${t.from} → ${t.to}: ${t.count}`))) : null,
    v.tasksByPlaybook ? h("p", { class: "muted" }, Object.entries(v.tasksByPlaybook).map(([k, n]) => `${k} ${n}`).join(", ")) : null,
    v.concerns?.length ? h("ul", {}, v.concerns.map((c) => h("li", { class: "error" }, c.message))) : h("p", { class: "ok" }, "No concern."));
}
