import { api } from "./api.js";
import { h, mount } from "./dom.js";
import { fmt, tierBadge, accountLink } from "./format.js";
import { trendChart, segmentChart } from "./charts.js";

const accountsLink = (params, text) => h("a", { href: `#/accounts?${new URLSearchParams(params)}` }, text);

export async function showPortfolio(view) {
  const p = await api("portfolio");
  const t = p.byTier;
  const risk = p.arrAtRisk;
  const kpi = (label, value, sub, href, testid) =>
    h("a", { class: "card kpi", href, dataset: { testid } }, h("div", { class: "label" }, label), h("div", { class: "value" }, value), h("div", { class: "sub" }, sub));

  const trendCanvas = h("canvas", { role: "img", "aria-label": "Tier counts and average score per day" });
  const segmentCanvas = h("canvas", { role: "img", "aria-label": "Accounts by segment and tier" });
  mount(view,
    h("h1", {}, "Portfolio ", h("span", { class: "muted" }, `as of ${p.asOf}`)),
    h("section", { class: "grid cards" },
      kpi("Accounts", fmt.number(p.accounts), `${p.scored} scored · average ${fmt.score(p.averageScore)}`, "#/accounts", "kpi-accounts"),
      kpi("ARR at risk", fmt.compactMoney(risk.total), `${risk.accounts} Red or Yellow accounts of ${fmt.compactMoney(risk.portfolioArr)}`, "#/accounts?tier=Red,Yellow&sort=arr", "kpi-arr-at-risk"),
      kpi("Red", fmt.number(t.Red), `${fmt.compactMoney(risk.red)} ARR · score below the Yellow line, or capped`, "#/accounts?tier=Red", "kpi-red"),
      kpi("Yellow", fmt.number(t.Yellow), `${fmt.compactMoney(risk.yellow)} ARR`, "#/accounts?tier=Yellow", "kpi-yellow"),
      kpi("Green", fmt.number(t.Green), "healthy", "#/accounts?tier=Green", "kpi-green"),
      kpi("Unscored", fmt.number(t.Unscored), "too little data to score", "#/accounts?tier=Unscored", "kpi-unscored")),
    h("section", { class: "grid two mt" },
      h("div", { class: "card" }, h("h2", {}, "Tier counts and average score per day"), h("div", { class: "chart tall" }, trendCanvas)),
      h("div", { class: "card" }, h("h2", {}, "Accounts by segment"), h("div", { class: "chart tall" }, segmentCanvas))),
    h("section", { class: "grid halves mt" },
      h("div", { class: "card", dataset: { testid: "renewals" } }, h("h2", {}, "Renewals ahead, by tier"), renewalsTable(p.renewals)),
      h("div", { class: "card" }, h("h2", {}, "Biggest movers since the previous day"), moversTable(p.biggestDrops, p.biggestRises))));
  trendChart(trendCanvas, p.trend);
  segmentChart(segmentCanvas, p.bySegmentTier, (segment, tier) => { location.hash = `#/accounts?${new URLSearchParams({ segment, tier })}`; });
  view.dataset.loaded = "portfolio";
}

function renewalsTable(windows) {
  const tiers = ["Red", "Yellow", "Green", "Unscored"];
  return h("table", {},
    h("thead", {}, h("tr", {}, h("th", {}, "Renewing within"), tiers.map((t) => h("th", { class: "num" }, t)), h("th", { class: "num" }, "ARR"))),
    h("tbody", {}, windows.map((w) => h("tr", {},
      h("td", {}, accountsLink({ renewalWithin: w.days, sort: "renewal" }, `${w.days} days (${w.accounts})`)),
      tiers.map((t) => h("td", { class: "num" }, w.byTier[t] ? accountsLink({ renewalWithin: w.days, tier: t, sort: "renewal" }, String(w.byTier[t])) : "0")),
      h("td", { class: "num" }, fmt.compactMoney(w.arr))))));
}

function moversTable(drops, rises) {
  const rows = (list) => list.map((d) => h("tr", {},
    h("td", {}, accountLink(d.accountId, d.name)), h("td", {}, tierBadge(d.tier)),
    h("td", { class: "num" }, `${fmt.score(d.previousScore)} → ${fmt.score(d.score)}`), h("td", { class: "num" }, fmt.delta(d.delta))));
  if (drops.length + rises.length === 0) return h("p", { class: "muted" }, "No score moved since the previous day.");
  return h("table", {}, h("tbody", {},
    drops.length ? h("tr", {}, h("th", { colspan: 4 }, "Drops")) : null, rows(drops),
    rises.length ? h("tr", {}, h("th", { colspan: 4 }, "Rises")) : null, rows(rises)));
}
