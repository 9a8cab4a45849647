import { api, apiUrl } from "./api.js";
import { h, mount } from "./dom.js";
import { fmt, tierBadge, addDays } from "./format.js";
import { timelineChart } from "./charts.js";
import { taskLine } from "./tasks.js";
import { auditCard } from "./audit.js";

const yourName = () => localStorage.getItem("hf-author") ?? "";

/** One account: why it has its tier, its timeline, what moved, its metrics, tasks, profile, and the CSM's pulse and override. */
export async function showAccount(view, id, { waitFor, tries = 40 } = {}) {
  const path = `accounts/${encodeURIComponent(id)}`;
  const [a, history, tasks, trail] = await Promise.all([api(path), api(`${path}/health/history?days=90`), api(`tasks?accountId=${encodeURIComponent(id)}`),
    api(`${path}/audit?top=20`)]);
  const health = a.health;
  const x = health.explanation;
  const canvas = h("canvas", { role: "img", "aria-label": "Score over 90 days, on its tier bands" });
  const labels = health.labels ?? { metrics: {}, components: {} };
  const changes = history.history.filter((r, i, all) => i > 0 && r.tier !== all[i - 1].tier);
  const tier = health.tier ?? "Unscored";

  mount(view,
    h("p", {}, h("a", { href: "#/accounts" }, "‹ Accounts")),
    h("h1", {}, a.profile.name ?? id, " ", tierBadge(health.tier), " ",
      h("span", { class: "muted" }, health.score === undefined ? "" : `score ${fmt.score(health.score)} `), fmt.delta(health.delta)),
    h("div", { class: `callout ${tier}` },
      h("div", { class: "summary", dataset: { testid: "summary" } }, x.summary),
      h("div", { class: "muted" }, health.asOf ? `Scored ${health.asOf} with model ${health.modelVersion} · coverage ${fmt.percent(health.coverage)}` : "")),
    x.capReason ? h("div", { class: "callout cap", dataset: { testid: "cap-reason" } }, h("strong", {}, "Capped: "), x.capReason) : null,
    x.unscoredReason ? h("div", { class: "callout warn", dataset: { testid: "unscored-reason" } }, x.unscoredReason) : null,
    x.adjustment ? h("div", { class: "callout", dataset: { testid: "adjustment" } }, h("strong", {}, "CSM input: "), x.adjustment) : null,
    h("section", { class: "grid two mt" },
      h("div", { class: "card" }, h("h2", {}, "Score over 90 days"), h("div", { class: "chart" }, canvas),
        h("ul", { class: "plain", dataset: { testid: "tier-changes" } }, changes.length === 0
          ? h("li", { class: "muted" }, "No tier change in this period.")
          : changes.map((r) => h("li", {}, `${r.day}: became `, tierBadge(r.tier), ` (${r.change})`)))),
      h("div", { class: "card", dataset: { testid: "drivers" } }, h("h2", {}, "What moved since the previous score"),
        x.split ? h("p", { dataset: { testid: "split" } }, x.split.text) : null,
        x.drivers.length === 0
          ? h("p", { class: "muted" }, health.previousScore === undefined ? "No earlier score to compare with." : "Nothing moved.")
          : h("ul", { class: "plain" }, x.drivers.map((d) => h("li", { dataset: { metric: d.metric } },
            h("span", { class: d.contributionDelta < 0 ? "down" : "up" }, d.contributionDelta < 0 ? "▼ " : "▲ "), d.text))),
        x.missingMetrics.length ? h("p", { class: "muted" }, `No data for: ${x.missingMetrics.map((m) => metricLabel(labels, m)).join(", ")}.`) : null)),
    h("section", { class: "grid two mt" },
      h("div", { class: "card" }, h("h2", {}, "Components and metrics"), metricsTable(health, labels),
        h("p", {}, h("a", { class: "button secondary", href: apiUrl(`${path}/health?format=csv`), download: `${id}-metrics.csv` }, "Export metrics CSV"))),
      h("div", {},
        h("div", { class: "card" }, h("h2", {}, "Profile"), profileCard(id, a.profile, () => showAccount(view, id))),
        h("div", { class: "card mt" }, h("h2", {}, "CSM pulse and override"), csmCard(view, id, a, health)),
        h("div", { class: "card mt", dataset: { testid: "account-tasks" } }, h("h2", {}, "Tasks"),
          tasks.tasks.length === 0 ? h("p", { class: "muted" }, "No playbook task for this account.")
            : h("ul", { class: "task-list" }, tasks.tasks.map((t) => taskLine(t, tasks, () => showAccount(view, id))))),
        auditCard(trail))));
  timelineChart(canvas, history.history, a.tiers);
  view.dataset.loaded = `account:${id}`;
  // After a pulse or override, re-read every 3 s until the rescore has applied it (the dirty rescore runs every minute).
  if (waitFor && !waitFor(a) && tries > 0) {
    setTimeout(() => location.hash.startsWith(`#/account/${encodeURIComponent(id)}`) && showAccount(view, id, { waitFor, tries: tries - 1 }), 3000);
  }
}

/** What a metric is called, with its unit: "Active users (%)"; the id where the model gives no label. */
export function metricLabel(labels, name) {
  const l = labels.metrics?.[name];
  return l ? (l.unit ? `${l.label} (${l.unit})` : l.label) : name;
}

function metricsTable(health, labels) {
  const byComponent = new Map();
  for (const m of health.metrics) (byComponent.get(m.component) ?? byComponent.set(m.component, []).get(m.component)).push(m);
  const rows = [];
  const walk = (components) => {
    for (const c of components) {
      rows.push(h("tr", { class: "component" }, h("td", { title: c.path }, labels.components?.[c.path]?.label ?? c.path), h("td", {}, ""), h("td", { class: "num" }, fmt.score(c.score)),
        h("td", { class: "num" }, c.contribution.toFixed(1)), h("td", {}, `weight ${c.weight}`)));
      for (const m of byComponent.get(c.path) ?? []) {
        rows.push(h("tr", { dataset: { metric: m.name } }, h("td", { title: m.name }, metricLabel(labels, m.name), m.critical ? h("span", { class: "muted", title: "can cap the tier at Red" }, " (critical)") : null),
          h("td", { class: "num" }, m.raw === undefined ? "—" : fmt.number(m.raw)),
          h("td", { class: "num" }, m.normalized === undefined ? "—" : m.normalized.toFixed(0)),
          h("td", { class: "num" }, m.contribution.toFixed(2)),
          h("td", {}, m.source === "Signal" ? "" : m.source)));
      }
      walk(c.components);
    }
  };
  walk(health.components);
  if (rows.length === 0) return h("p", { class: "muted" }, "Not scored yet.");
  return h("div", { class: "table-scroll" }, h("table", { dataset: { testid: "metrics" } },
    h("caption", { class: "visually-hidden" }, "Components and metrics with their values, scores and points"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Component / metric"), h("th", { scope: "col", class: "num" }, "Value"), h("th", { scope: "col", class: "num" }, "Score 0-100"),
      h("th", { scope: "col", class: "num" }, "Points"), h("th", { scope: "col" }, "Source"))), h("tbody", {}, rows)));
}

function profileCard(id, p, reload) {
  const status = h("span", {});
  const input = (name, value, type = "text") => h("input", { name, type, value: value ?? "", id: `profile-${name}` });
  const form = h("form", { class: "grid", onsubmit: async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const body = {};
    for (const key of ["name", "segment", "lifecycleStage", "owner", "renewalDate"]) body[key] = f.get(key).trim() || null;
    body.arr = f.get("arr") === "" ? null : Number(f.get("arr"));
    try { await api(`accounts/${encodeURIComponent(id)}`, { method: "PATCH", body }); await reload(); } catch (err) { status.className = "error"; status.textContent = err.message; }
  } },
    h("dl", { class: "profile" },
      h("dt", {}, h("label", { for: "profile-name" }, "Name")), h("dd", {}, input("name", p.name)),
      h("dt", {}, h("label", { for: "profile-segment" }, "Segment")), h("dd", {}, input("segment", p.segment)),
      h("dt", {}, h("label", { for: "profile-lifecycleStage" }, "Lifecycle stage")), h("dd", {}, input("lifecycleStage", p.lifecycleStage)),
      h("dt", {}, h("label", { for: "profile-owner" }, "Owner")), h("dd", {}, input("owner", p.owner)),
      h("dt", {}, h("label", { for: "profile-arr" }, "ARR")), h("dd", {}, input("arr", p.arr, "number")),
      h("dt", {}, h("label", { for: "profile-renewalDate" }, "Renewal date")), h("dd", {}, input("renewalDate", p.renewalDate, "date"))),
    h("div", { class: "row" }, h("button", { type: "submit", class: "secondary" }, "Save profile"), status));
  return form;
}

function csmCard(view, id, a, health) {
  const status = h("span", { dataset: { testid: "csm-status" } });
  const base = `accounts/${encodeURIComponent(id)}`;
  const act = async (method, kind, body, waitFor) => {
    try {
      await api(`${base}/${kind}`, { method, body });
      await showAccount(view, id, { waitFor });
    } catch (err) { status.className = "error"; status.textContent = err.message; }
  };
  const pending = (stored, applied) => JSON.stringify(stored ?? null) !== JSON.stringify(applied ?? null);
  const pulseForm = h("form", { class: "row", dataset: { testid: "pulse-form" }, onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(pulseForm);
    localStorage.setItem("hf-author", f.get("author"));
    const pulse = { value: Number(f.get("value")), author: f.get("author"), expiresOn: addDays(Number(f.get("days"))), note: f.get("note") || undefined };
    act("POST", "pulse", pulse, (x) => x.health.pulseApplied?.value === pulse.value && x.health.pulseApplied?.expiresOn === pulse.expiresOn);
  } },
    h("label", {}, "Pulse (0-10) ", h("input", { name: "value", type: "number", min: 0, max: 10, step: 1, value: a.pulse?.value ?? 5, required: true, dataset: { testid: "pulse-value" } })),
    h("input", { name: "note", placeholder: "why (optional)", value: "", "aria-label": "Why (optional)" }),
    h("label", {}, "for ", h("select", { name: "days" }, [14, 30, 60, 90].map((d) => h("option", { value: d, selected: d === 30 }, `${d} days`)))),
    h("input", { name: "author", placeholder: "your name", value: yourName(), required: true, "aria-label": "Your name", dataset: { testid: "pulse-author" } }),
    h("button", { type: "submit", dataset: { testid: "pulse-save" } }, "Set pulse"));
  const overrideForm = h("form", { class: "row", onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(overrideForm);
    localStorage.setItem("hf-author", f.get("author"));
    const body = { tier: f.get("tier"), reason: f.get("reason"), author: f.get("author"), expiresOn: addDays(Number(f.get("days"))) };
    act("POST", "override", body, (x) => x.health.overrideApplied?.tier === body.tier);
  } },
    h("label", {}, "Override tier ", h("select", { name: "tier" }, ["Red", "Yellow", "Green"].map((t) => h("option", { value: t }, t)))),
    h("input", { name: "reason", placeholder: "reason (required)", required: true, "aria-label": "Reason for the override" }),
    h("label", {}, "for ", h("select", { name: "days" }, [7, 14, 30].map((d) => h("option", { value: d }, `${d} days`)))),
    h("input", { name: "author", placeholder: "your name", value: yourName(), required: true, "aria-label": "Your name" }),
    h("button", { type: "submit", class: "secondary" }, "Set override"));
  return h("div", {},
    h("ul", { class: "plain" },
      h("li", { dataset: { testid: "pulse-state" } }, a.pulse
        ? [`Pulse ${a.pulse.value} by ${a.pulse.author} until ${a.pulse.expiresOn}`, a.pulse.note ? ` (${a.pulse.note})` : "",
          pending(a.pulse, health.pulseApplied) ? h("em", { class: "muted" }, " · counts from the next rescore (within a minute); this page refreshes") : "",
          " ", h("button", { class: "secondary", onclick: () => act("DELETE", "pulse", undefined, (x) => !x.health.pulseApplied) }, "End now")]
        : "No pulse."),
      h("li", {}, a.override
        ? [`Override ${a.override.tier ?? ""} ${a.override.score ?? ""} by ${a.override.author} until ${a.override.expiresOn} (${a.override.reason})`,
          pending(a.override, health.overrideApplied) ? h("em", { class: "muted" }, " · counts from the next rescore") : "",
          " ", h("button", { class: "secondary", onclick: () => act("DELETE", "override", undefined, (x) => !x.health.overrideApplied) }, "End now")]
        : "No override.")),
    a.pulseNote ? h("p", { class: "muted", dataset: { testid: "pulse-note" } }, a.pulseNote) : "",
    pulseForm, h("div", { class: "mt" }), overrideForm, status);
}
