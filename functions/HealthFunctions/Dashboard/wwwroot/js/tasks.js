import { api, query } from "./api.js";
import { h, mount } from "./dom.js";
import { accountLink } from "./format.js";

const columns = [["open", "Open"], ["done", "Done"], ["dismissed", "Dismissed"]];

/** The tasks board: open, done and dismissed playbook tasks; assign, complete or dismiss with a note. */
export async function showTasks(view, params) {
  const owner = params.get("owner") ?? "";
  const data = await api("tasks");
  const mine = (t) => !owner || (t.owner ?? "").toLowerCase() === owner.toLowerCase();
  const reload = () => showTasks(view, params);
  mount(view,
    h("h1", {}, "Tasks ", h("span", { class: "muted" }, `${data.tasks.filter((t) => t.status === "open").length} open`)),
    h("div", { class: "filters" }, h("label", {}, "Owner", h("input", { value: owner, placeholder: "everyone",
      onchange: (e) => { location.hash = "#/tasks" + query({ owner: e.target.value.trim() }); } }))),
    h("div", { class: "board" }, columns.map(([status, title]) => {
      const list = data.tasks.filter((t) => t.status === status && mine(t)).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
      return h("section", { dataset: { column: status } }, h("h2", {}, `${title} (${list.length})`),
        list.length === 0 ? h("p", { class: "muted" }, "None.") : list.map((t) => taskCard(t, reload)));
    })));
  view.dataset.loaded = "tasks";
}

/** One task: what it asks (its steps), for which account, by when, and the actions on it. */
export function taskCard(t, reload) {
  const note = h("input", { placeholder: "note (optional)", dataset: { testid: "task-note" } });
  const owner = h("input", { placeholder: "owner", value: t.owner ?? "", size: 10 });
  const status = h("span", {});
  const patch = async (body) => {
    try { await api(`tasks/${encodeURIComponent(t.taskId)}`, { method: "PATCH", body }); await reload(); } catch (err) { status.className = "error"; status.textContent = err.message; }
  };
  const withNote = (s) => (note.value.trim() ? { status: s, note: note.value.trim() } : { status: s });
  return h("article", { class: "task", dataset: { task: t.taskId, status: t.status } },
    h("h3", {}, t.title),
    h("div", { class: "muted" }, accountLink(t.accountId), ` · ${t.playbook} after a ${t.transitionKind} · due ${t.dueOn} · owner ${t.owner ?? t.ownerRole}`),
    h("ol", {}, t.steps.map((s) => h("li", {}, h("strong", {}, s.title), ` (${s.ownerRole}, by ${s.dueOn}): `, s.description))),
    t.note ? h("p", {}, h("em", {}, `Note: ${t.note}`)) : null,
    t.changes?.length ? h("details", {}, h("summary", { class: "muted" }, `${t.changes.length} change(s)`),
      h("ul", {}, t.changes.map((c) => h("li", { class: "muted" }, `${c.at.slice(0, 16).replace("T", " ")}${c.by ? ` by ${c.by}` : ""}: `,
        [c.status && `status ${c.status}`, c.owner && `owner ${c.owner}`, c.ownerCleared && "unassigned", c.note && `note "${c.note}"`].filter(Boolean).join(", "))))) : null,
    h("div", { class: "actions" },
      t.status === "open"
        ? [note, h("button", { onclick: () => patch(withNote("done")), dataset: { testid: "task-complete" } }, "Complete"),
          h("button", { class: "secondary", onclick: () => patch(withNote("dismissed")) }, "Dismiss")]
        : h("button", { class: "secondary", onclick: () => patch({ status: "open" }) }, "Reopen"),
      owner, h("button", { class: "secondary", onclick: () => patch({ owner: owner.value.trim() || null }) }, "Assign"), status));
}
