import { h } from "./dom.js";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const fmt = {
  money: (v) => (v === null || v === undefined ? "—" : money.format(v)),
  compactMoney: (v) => (v === null || v === undefined ? "—" : compact.format(v)),
  number: (v) => (v === null || v === undefined ? "—" : number.format(v)),
  score: (v) => (v === null || v === undefined ? "—" : v.toFixed(1)),
  percent: (share) => (share === null || share === undefined ? "—" : `${Math.round(share * 100)}%`),
  date: (d) => d ?? "—",
  delta(v) {
    if (v === null || v === undefined) return h("span", { class: "muted" }, "—");
    if (v === 0) return h("span", { class: "muted" }, "0.0");
    return h("span", { class: v > 0 ? "up" : "down", title: "change since the previous day" }, `${v > 0 ? "▲" : "▼"} ${Math.abs(v).toFixed(1)}`);
  },
};

export function tierBadge(tier) {
  const name = tier ?? "Unscored";
  return h("span", { class: `tier ${name}`, dataset: { tier: name } }, name);
}

export const tierColors = { Red: "#c62828", Yellow: "#e0a100", Green: "#2e7d32", Unscored: "#9aa1ab" };

export function accountLink(id, name) {
  return h("a", { href: `#/account/${encodeURIComponent(id)}` }, name ?? id);
}

export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

export function addDays(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}
