import { h, mount } from "./dom.js";
import { fmt } from "./format.js";
import { activeAndProposed, backtest, calibrate, activate } from "./models-api.js";

const adminKey = () => sessionStorage.getItem("hf-admin-key") ?? "";

/** The active model with its backtest, a proposal fitted to the renewal outcomes beside it, and activation. */
export async function showModel(view) {
  const models = await activeAndProposed();
  const status = h("p", { dataset: { testid: "model-status" } });
  const key = h("input", { type: "password", placeholder: "admin key (Azure only)", value: adminKey(), autocomplete: "off",
    onchange: (e) => sessionStorage.setItem("hf-admin-key", e.target.value) });
  const lead = h("select", {}, [60, 90].map((d) => h("option", { value: d }, `${d} days ahead`)));
  const proposal = h("div", {});
  const run = async () => {
    status.className = "muted";
    status.textContent = "Calibrating on the renewal outcomes…";
    try {
      const p = await calibrate(Number(lead.value), key.value, (stage) => { status.textContent = `Calibrating on the renewal outcomes: ${stage}…`; });
      status.textContent = "";
      mount(proposal, comparison(models.active.version, p, async () => {
        try { await activate(p.version, key.value); status.className = "ok"; status.textContent = `${p.version} is active.`; await showModel(view); }
        catch (err) { status.className = "error"; status.textContent = err.message; }
      }));
    } catch (err) { status.className = "error"; status.textContent = err.message; }
  };
  const backtestStatus = h("p", { class: "muted" });
  const runBacktest = async () => {
    backtestStatus.className = "muted";
    backtestStatus.textContent = "Backtesting the active model on the renewal outcomes…";
    try {
      await backtest(key.value, (stage) => { backtestStatus.textContent = `Backtesting the active model on the renewal outcomes: ${stage}…`; });
      await showModel(view);
    } catch (err) { backtestStatus.className = "error"; backtestStatus.textContent = err.message; }
  };
  mount(view,
    h("h1", {}, "Model"),
    h("div", { class: "card" }, h("h2", {}, "Active model: ", h("span", { dataset: { testid: "active-model" } }, models.active.version)),
      models.active.backtestError ? h("p", { class: "muted" }, `No backtest: ${models.active.backtestError}`) : backtestTable(models.active.backtest),
      h("div", { class: "row" }, h("button", { onclick: runBacktest }, models.active.backtestError ? "Run a backtest" : "Backtest again")), backtestStatus,
      models.proposed.length ? h("div", { class: "mt" }, h("h2", {}, "Stored proposals"), proposalsTable(models.proposed)) : null),
    h("div", { class: "card mt" }, h("h2", {}, "Propose a model from the renewal outcomes"),
      h("p", { class: "muted" }, "Fits the weights to earlier outcomes and backtests both models on the later ones. Nothing changes until you activate. "
        + "In Azure, calibration and activation need the admin key, as in the API."),
      h("div", { class: "row" }, lead, key, h("button", { onclick: run }, "Calibrate")), status, proposal));
  view.dataset.loaded = "model";
}

function proposalsTable(proposed) {
  const auc = (x) => (x == null ? "—" : x.toFixed(3));
  return h("table", {},
    h("thead", {}, h("tr", {}, h("th", {}, "Version"), h("th", {}, "Fitted"), h("th", { class: "num" }, "Lead"), h("th", { class: "num" }, "Test AUC (then active)"), h("th", { class: "num" }, "Test AUC (proposed)"))),
    h("tbody", {}, proposed.map((p) => h("tr", {}, h("td", {}, p.version), h("td", {}, p.createdAt ? p.createdAt.slice(0, 10) : "—"),
      h("td", { class: "num" }, p.leadDays ? `${p.leadDays} d` : "—"), h("td", { class: "num" }, auc(p.currentTestAuc)), h("td", { class: "num" }, auc(p.testAuc))))));
}

function backtestTable(reports) {
  if (!reports.length) return h("p", { class: "muted" }, "No renewal outcomes yet: post them to /api/outcomes to see how well the score predicts churn.");
  const rows = [["Lead time", (r) => `${r.leadDays} days`], ["Outcomes scored", (r) => r.included], ["AUC (churn)", (r) => r.auc?.toFixed(3) ?? "—"],
    ["Red precision", (r) => fmt.percent(r.redPrecision)], ["Red recall", (r) => fmt.percent(r.redRecall)], ["Top-decile lift", (r) => r.topDecileLift?.toFixed(2) ?? "—"]];
  return h("table", {}, h("tbody", {}, rows.map(([label, get]) => h("tr", {}, h("th", {}, label), reports.map((r) => h("td", { class: "num" }, String(get(r))))))));
}

function comparison(activeVersion, p, onActivate) {
  const metric = (label, get) => h("tr", {}, h("th", {}, label), h("td", { class: "num" }, get(p.current)), h("td", { class: "num" }, get(p.proposed)));
  return h("div", { class: "mt" },
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, `On ${p.testOutcomes} later outcomes`), h("th", { class: "num" }, `Active ${activeVersion}`), h("th", { class: "num" }, `Proposed ${p.version}`))),
      h("tbody", {}, metric("AUC (churn)", (r) => r.auc?.toFixed(3) ?? "—"), metric("Red precision", (r) => fmt.percent(r.redPrecision)),
        metric("Red recall", (r) => fmt.percent(r.redRecall)), metric("Top-decile lift", (r) => r.topDecileLift?.toFixed(2) ?? "—"))),
    h("h2", { class: "mt" }, "What changes"), h("ul", {}, p.changes.map((c) => h("li", {}, c))),
    h("button", { onclick: onActivate }, `Activate ${p.version}`));
}
