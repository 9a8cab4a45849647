import { api, apiUrl, query } from "./api.js";
import { h, mount } from "./dom.js";
import { accountLink, tierBadge } from "./format.js";
import { me } from "./me.js";

const statuses = [["open", "Open"], ["done", "Done"], ["dismissed", "Dismissed"]];
const playbooks = ["red-recovery", "yellow-adoption", "green-expansion"];
const sorts = { due: "Due date", tier: "Tier (worst first)", arr: "ARR (largest first)", created: "Created (newest first)" };

/**
 * The tasks board: one page of the filtered, sorted tasks (filters in the URL, #/tasks?status=open&owner=dana), the
 * count of each status and of what is overdue, and bulk complete, dismiss or reassign with a note.
 */
export async function showTasks(view, params) {
  const state = Object.fromEntries(params);
  state.status ??= "open";
  if (state.status === "all") delete state.status;
  state.pageSize ??= "25";
  const who = await me();
  const data = await api("tasks" + query({ ...state, as: undefined }));
  const go = (changes) => {
    const next = { ...Object.fromEntries(params), ...changes };
    if (!("page" in changes)) next.page = undefined;
    location.hash = "#/tasks" + query(next);
  };
  const reload = () => showTasks(view, params);
  const field = (label, control) => h("label", {}, label, control);
  const select = (name, options, testid) => h("select", { name, dataset: { testid }, onchange: (e) => go({ [name]: e.target.value }) },
    options.map(([value, text]) => h("option", { value, selected: (state[name] ?? "") === value }, text)));
  const selected = new Set();
  const bulk = bulkBar(selected, data, reload);
  const onSelect = (id, on) => { if (on) selected.add(id); else selected.delete(id); bulk.update(); };
  const pages = Math.max(1, Math.ceil(data.count / data.pageSize));
  const mineOwner = who.signedIn ? "mine" : who.name;
  const csvHref = apiUrl("tasks" + query({ ...state, page: undefined, pageSize: undefined, format: "csv" }));
  const tab = (status, label, count) => h("a", { href: "#/tasks" + query({ ...Object.fromEntries(params), status, page: undefined }),
    "aria-current": (state.status ?? "all") === status ? "page" : null, dataset: { testid: `tab-${status}` } }, count === undefined ? label : `${label} (${count})`);
  const all = Object.values(data.byStatus).reduce((a, b) => a + b, 0);
  mount(view,
    h("h1", {}, "Tasks ", h("span", { class: "muted", dataset: { testid: "task-total" } }, `${data.count} matching`)),
    h("nav", { class: "tabs", "aria-label": "Task status" },
      statuses.map(([s, label]) => tab(s, label, data.byStatus[s] ?? 0)), tab("all", "All", all),
      h("span", { class: "counts" }, data.overdue
        ? h("a", { class: "pill warn", href: "#/tasks" + query({ ...Object.fromEntries(params), due: "overdue", status: "open", page: undefined }), dataset: { testid: "overdue-count" } }, `${data.overdue} overdue`)
        : h("span", { class: "pill", dataset: { testid: "overdue-count" } }, "nothing overdue"))),
    h("div", { class: "filters" },
      field("Playbook", select("playbook", [["", "Any"], ...playbooks.map((p) => [p, p])], "filter-playbook")),
      field("Owner", h("input", { name: "owner", value: state.owner ?? "", placeholder: "anyone", dataset: { testid: "filter-owner" },
        onchange: (e) => go({ owner: e.target.value.trim() }) })),
      mineOwner ? h("button", { class: "secondary", type: "button", dataset: { testid: "filter-mine" }, onclick: () => go({ owner: mineOwner }) }, "Mine") : null,
      field("Account tier", select("tier", [["", "Any"], ["Red", "Red"], ["Yellow", "Yellow"], ["Green", "Green"], ["Red,Yellow", "Red or Yellow"], ["Unscored", "Unscored"]], "filter-tier")),
      field("Due", select("due", [["", "Any time"], ["overdue", "Overdue"], ["week", "This week"]], "filter-due")),
      field("Segment", select("segment", [["", "Any"], ["Enterprise", "Enterprise"], ["MidMarket", "MidMarket"], ["SMB", "SMB"]], "filter-segment")),
      field("Renews within", select("renewalWithin", [["", "Any time"], ["30", "30 days"], ["60", "60 days"], ["90", "90 days"]], "filter-renewal")),
      field("Sort by", select("sort", Object.entries(sorts), "task-sort")),
      h("a", { class: "button secondary", href: csvHref, download: "tasks.csv", dataset: { testid: "tasks-csv" } }, "Export CSV"),
      h("a", { class: "button secondary", href: "#/tasks" }, "Clear")),
    data.tasks.length === 0 ? h("p", { class: "muted", dataset: { testid: "no-tasks" } }, "No task matches these filters.")
      : [h("label", { class: "row" }, h("input", { type: "checkbox", dataset: { testid: "select-page" }, onchange: (e) => {
        for (const box of view.querySelectorAll("input[data-select-task]")) { box.checked = e.target.checked; onSelect(box.dataset.selectTask, box.checked); }
      } }), "Select every task on this page"),
      h("ul", { class: "task-list", dataset: { testid: "task-list" } }, data.tasks.map((t) => taskLine(t, data, reload, { selectable: true, onSelect })))],
    bulk.element,
    h("div", { class: "pager" },
      h("button", { class: "secondary", disabled: data.page <= 1, onclick: () => go({ page: String(data.page - 1) }) }, "‹ Previous"),
      h("span", { dataset: { testid: "task-page" } }, `Page ${data.page} of ${pages}`),
      h("button", { class: "secondary", disabled: data.page >= pages, onclick: () => go({ page: String(data.page + 1) }) }, "Next ›")));
  view.dataset.loaded = "tasks";
}

/** The bar that acts on the selected tasks: complete, dismiss or reassign them, with one note. */
function bulkBar(selected, data, reload) {
  const count = h("strong", { dataset: { testid: "bulk-count" } }, "0 selected");
  const note = h("input", { placeholder: "note (optional)", "aria-label": "Note for the selected tasks", dataset: { testid: "bulk-note" } });
  const owner = h("input", { placeholder: "new owner", "aria-label": "New owner for the selected tasks", size: 10, dataset: { testid: "bulk-owner" } });
  const status = h("span", { role: "status", dataset: { testid: "bulk-status" } });
  const send = async (patch) => {
    const body = { taskIds: [...selected], ...patch };
    if (note.value.trim()) body.note = note.value.trim();
    try {
      const r = await api("tasks/bulk", { method: "POST", body });
      status.className = "ok";
      status.textContent = `${r.changed} changed${r.unchanged ? `, ${r.unchanged} already so` : ""}.`;
      await reload();
    } catch (err) { status.className = "error"; status.textContent = err.message; }
  };
  const buttons = [
    h("button", { type: "button", dataset: { testid: "bulk-complete" }, onclick: () => send({ status: "done" }) }, "Complete"),
    h("button", { type: "button", class: "secondary", dataset: { testid: "bulk-dismiss" }, onclick: () => send({ status: "dismissed" }) }, "Dismiss"),
    owner,
    h("button", { type: "button", class: "secondary", dataset: { testid: "bulk-reassign" }, onclick: () => owner.value.trim() && send({ owner: owner.value.trim() }) }, "Reassign"),
  ];
  const element = h("div", { class: "bulk", role: "region", "aria-label": "Act on the selected tasks", hidden: true, dataset: { testid: "bulk-bar" } }, count, note, buttons, status);
  return {
    element,
    update() {
      count.textContent = `${selected.size} selected`;
      element.hidden = selected.size === 0;
    },
  };
}

const daysBetween = (from, to) => Math.round((Date.parse(to) - Date.parse(from)) / 86400000);

/** One task: what it asks (its steps, by due day), for which account, by when (overdue is flagged), and the actions on it. */
export function taskLine(t, page, reload, { selectable = false, onSelect } = {}) {
  const account = page.accounts?.[t.accountId];
  const overdue = t.status === "open" && page.asOf && t.dueOn < page.asOf;
  const note = h("input", { placeholder: "note (optional)", "aria-label": `Note for "${t.title}"`, dataset: { testid: "task-note" } });
  const owner = h("input", { placeholder: "owner", value: t.owner ?? "", size: 10, "aria-label": `Owner of "${t.title}"` });
  const status = h("span", { role: "status" });
  const patch = async (body) => {
    try { await api(`tasks/${encodeURIComponent(t.taskId)}`, { method: "PATCH", body }); await reload(); } catch (err) { status.className = "error"; status.textContent = err.message; }
  };
  const withNote = (s) => (note.value.trim() ? { status: s, note: note.value.trim() } : { status: s });
  return h("li", { class: overdue ? "overdue" : null, dataset: { task: t.taskId, status: t.status } },
    selectable ? h("input", { type: "checkbox", "aria-label": `Select "${t.title}" for ${account?.name ?? t.accountId}`, dataset: { selectTask: t.taskId },
      onchange: (e) => onSelect?.(t.taskId, e.target.checked) }) : h("span", {}),
    h("div", {},
      h("h3", {}, t.title, " ", h("span", { class: "pill" }, t.status)),
      h("div", { class: "muted" }, accountLink(t.accountId, account?.name), " ", account ? tierBadge(account.tier) : null,
        ` · ${t.playbook} after a ${t.transitionKind} · `,
        overdue ? h("span", { class: "overdue-flag", dataset: { testid: "overdue" } }, `overdue by ${daysBetween(t.dueOn, page.asOf)} day(s), due ${t.dueOn}`) : `due ${t.dueOn}`,
        ` · owner ${t.owner ?? `(${t.ownerRole})`}`),
      h("details", {}, h("summary", {}, `${t.steps.length} step(s), by due day`),
        h("ol", { dataset: { testid: "steps" } }, t.steps.map((s) => h("li", {}, h("strong", {}, s.title), ` (${s.ownerRole}, by ${s.dueOn}): `, s.description)))),
      t.note ? h("p", {}, h("em", {}, `Note: ${t.note}`)) : null,
      t.changes?.length ? h("details", {}, h("summary", {}, `${t.changes.length} change(s)`),
        h("ul", {}, t.changes.map((c) => h("li", { class: "muted" }, `${c.at.slice(0, 16).replace("T", " ")}${c.by ? ` by ${c.by}` : ""}: `,
          [c.status && `status ${c.status}`, c.owner && `owner ${c.owner}`, c.ownerCleared && "unassigned", c.note && `note "${c.note}"`].filter(Boolean).join(", "))))) : null,
      h("div", { class: "row mt" },
        t.status === "open"
          ? [note, h("button", { type: "button", onclick: () => patch(withNote("done")), dataset: { testid: "task-complete" } }, "Complete"),
            h("button", { type: "button", class: "secondary", onclick: () => patch(withNote("dismissed")) }, "Dismiss")]
          : h("button", { type: "button", class: "secondary", onclick: () => patch({ status: "open" }) }, "Reopen"),
        owner, h("button", { type: "button", class: "secondary", onclick: () => patch({ owner: owner.value.trim() || null }) }, "Assign"), status)));
}
