import { h } from "./dom.js";

// The account's audit trail (GET /api/accounts/{id}/audit): who changed what and when, each change as before → after.
const actions = {
  "pulse.set": "set the pulse", "pulse.end": "ended the pulse", "override.set": "set an override", "override.end": "ended the override",
  "profile.put": "replaced the profile", "profile.patch": "changed the profile", "task.change": "changed a task",
};

const show = (v) => (v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

const isObject = (v) => typeof v === "object" && v !== null;

function changes(before, after) {
  if (!isObject(before) && !isObject(after)) return `${show(before)} → ${show(after)}`;
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => show(b[k]) !== show(a[k]));
  return keys.map((k) => `${k}: ${show(b[k])} → ${show(a[k])}`).join("; ");
}

export function auditCard(trail) {
  return h("div", { class: "card mt", dataset: { testid: "account-audit" } }, h("h2", {}, "Changes"),
    trail.entries.length === 0 ? h("p", { class: "muted" }, "No change recorded.")
      : h("ul", { class: "plain" }, trail.entries.map((e) => h("li", { dataset: { action: e.action } },
        h("span", { class: "muted" }, `${e.at.slice(0, 16).replace("T", " ")} `),
        h("strong", {}, e.who.name ?? e.who.objectId ?? "local"),
        ` ${e.action === "profile.put" && !e.before ? "created the profile" : actions[e.action] ?? e.action}${e.target ? ` (${e.target})` : ""}: `,
        changes(e.before, e.after)))));
}
