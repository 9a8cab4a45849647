// My work: the home view of a CSM: their accounts by tier, their open and overdue tasks, their renewals in 90 days.
import { api, query } from "./api.js";
import { h, mount } from "./dom.js";
import { fmt, tierBadge, accountLink } from "./format.js";
import { me } from "./me.js";
import { taskLine } from "./tasks.js";

const tiers = ["Red", "Yellow", "Green", "Unscored"];

export async function showMine(view) {
  const who = await me();
  if (!who.name) {
    mount(view, h("h1", {}, "My work"),
      h("p", {}, "Nobody is signed in here. Type the owner name you go by in the box at the top (as account profiles and tasks name you), and this page shows your accounts, tasks and renewals."));
    view.dataset.loaded = "mine";
    return;
  }
  const owner = who.name;
  const taskOwner = who.signedIn ? "mine" : owner;
  const [accounts, open, overdue, renewals] = await Promise.all([
    api("accounts" + query({ owner, pageSize: 500 })),
    api("tasks" + query({ owner: taskOwner, status: "open", sort: "due", pageSize: 10 })),
    api("tasks" + query({ owner: taskOwner, due: "overdue", pageSize: 1 })),
    api("accounts" + query({ owner, renewalWithin: 90, sort: "renewal", pageSize: 50 })),
  ]);
  const byTier = Object.fromEntries(tiers.map((t) => [t, 0]));
  for (const a of accounts.accounts) byTier[a.tier ?? "Unscored"]++;
  const reload = () => showMine(view);
  mount(view,
    h("h1", {}, "My work ", h("span", { class: "muted" }, `${owner}${who.signedIn ? "" : " (chosen here)"}`)),
    h("section", { class: "grid cards", "aria-label": "Your accounts by tier" },
      tiers.map((t) => h("a", { class: "card kpi", href: `#/accounts${query({ owner, tier: t })}`, dataset: { testid: `mine-${t.toLowerCase()}` } },
        h("div", { class: "label" }, `${t} accounts`), h("div", { class: "value" }, String(byTier[t]))))),
    h("section", { class: "grid halves mt" },
      h("div", { class: "card", dataset: { testid: "mine-tasks" } },
        h("h2", {}, "Your open tasks ", h("span", { class: "counts" },
          h("span", { class: "pill" }, `${open.count} open`), overdue.count ? h("span", { class: "pill warn" }, `${overdue.count} overdue`) : null)),
        open.tasks.length === 0 ? h("p", { class: "muted" }, "No open task: nothing is waiting on you.")
          : h("ul", { class: "task-list" }, open.tasks.map((t) => taskLine(t, open, reload, { selectable: false }))),
        h("p", {}, h("a", { href: `#/tasks${query({ owner: taskOwner === "mine" ? "mine" : owner, status: "open" })}` }, "All your tasks on the board ›"))),
      h("div", { class: "card", dataset: { testid: "mine-renewals" } }, h("h2", {}, `Your renewals in 90 days (${renewals.total})`),
        renewals.accounts.length === 0 ? h("p", { class: "muted" }, "None of your accounts renews in the next 90 days.")
          : h("table", {}, h("caption", { class: "visually-hidden" }, "Your accounts renewing in the next 90 days"),
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Account"), h("th", { scope: "col" }, "Tier"), h("th", { scope: "col" }, "Renews"), h("th", { scope: "col", class: "num" }, "ARR"))),
            h("tbody", {}, renewals.accounts.map((a) => h("tr", {}, h("td", {}, accountLink(a.accountId, a.name)), h("td", {}, tierBadge(a.tier)),
              h("td", {}, fmt.date(a.renewalDate)), h("td", { class: "num" }, fmt.money(a.arr)))))))));
  view.dataset.loaded = "mine";
}
