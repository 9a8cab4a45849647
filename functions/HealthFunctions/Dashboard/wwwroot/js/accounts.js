import { api, apiUrl, query } from "./api.js";
import { h, mount } from "./dom.js";
import { fmt, tierBadge, accountLink } from "./format.js";

const sorts = { score: "Score", change: "Change", arr: "ARR", renewal: "Renewal date", name: "Name" };

/** The accounts list; its filters live in the URL (#/accounts?tier=Red&...), so links and the back button work. */
export async function showAccounts(view, params) {
  const state = Object.fromEntries(params);
  state.page ??= "1";
  state.pageSize ??= "50";
  const data = await api("accounts" + query(state));
  const go = (changes) => {
    const next = { ...state, ...changes };
    if (!("page" in changes)) next.page = "1";
    location.hash = "#/accounts" + query(next);
  };
  const field = (label, control) => h("label", {}, label, control);
  const select = (name, options, testid) => h("select", { name, dataset: { testid }, onchange: (e) => go({ [name]: e.target.value }) },
    options.map(([value, text]) => h("option", { value, selected: (state[name] ?? "") === value }, text)));
  const text = (name, placeholder, testid) => h("input", { name, placeholder, value: state[name] ?? "", dataset: { testid },
    onchange: (e) => go({ [name]: e.target.value.trim() }) });

  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const csvHref = apiUrl("accounts" + query({ ...state, page: undefined, pageSize: undefined, format: "csv" }));
  mount(view,
    h("h1", {}, "Accounts ", h("span", { class: "muted", dataset: { testid: "total" } }, `${data.total} matching · ${fmt.compactMoney(data.totalArr)} ARR`)),
    h("div", { class: "filters" },
      field("Tier", select("tier", [["", "Any"], ["Red", "Red"], ["Yellow", "Yellow"], ["Green", "Green"], ["Unscored", "Unscored"], ["Red,Yellow", "Red or Yellow"]], "filter-tier")),
      field("Segment", select("segment", [["", "Any"], ["Enterprise", "Enterprise"], ["MidMarket", "MidMarket"], ["SMB", "SMB"], ["none", "(none)"]], "filter-segment")),
      field("Owner", text("owner", "e.g. dana", "filter-owner")),
      field("Lifecycle stage", text("lifecycleStage", "e.g. onboarding", "filter-stage")),
      field("Renews within", select("renewalWithin", [["", "Any time"], ["30", "30 days"], ["60", "60 days"], ["90", "90 days"]], "filter-renewal")),
      field("Search", text("q", "name or id", "filter-q")),
      field("Sort by", select("sort", Object.entries(sorts), "sort")),
      field("Order", select("order", [["", "Worst first"], ["asc", "Ascending"], ["desc", "Descending"]], "order")),
      h("a", { class: "button secondary", href: csvHref, download: "accounts.csv", dataset: { testid: "export-csv" } }, "Export CSV"),
      h("a", { class: "button secondary", href: "#/accounts" }, "Clear")),
    h("table", { dataset: { testid: "accounts-table" } },
      h("thead", {}, h("tr", {}, ["Account", "Tier", "Score", "Change", "Segment", "Stage", "Owner", "ARR", "Renews", "CSM input"]
        .map((c, i) => h("th", { class: i === 2 || i === 3 || i === 7 ? "num" : null }, c)))),
      h("tbody", {}, data.accounts.length === 0
        ? h("tr", {}, h("td", { colspan: 10, class: "muted" }, "No account matches these filters."))
        : data.accounts.map((a) => h("tr", { dataset: { account: a.accountId } },
          h("td", {}, accountLink(a.accountId, a.name), a.name ? h("div", { class: "muted" }, a.accountId) : null),
          h("td", {}, tierBadge(a.tier)),
          h("td", { class: "num" }, fmt.score(a.score)),
          h("td", { class: "num" }, fmt.delta(a.delta)),
          h("td", {}, a.segment ?? "—"), h("td", {}, a.lifecycleStage ?? "—"), h("td", {}, a.owner ?? "—"),
          h("td", { class: "num" }, fmt.money(a.arr)), h("td", {}, fmt.date(a.renewalDate)), h("td", {}, a.adjusted ?? ""))))),
    h("div", { class: "pager" },
      h("button", { class: "secondary", disabled: data.page <= 1, onclick: () => go({ page: String(data.page - 1) }) }, "‹ Previous"),
      h("span", { dataset: { testid: "page" } }, `Page ${data.page} of ${pages}`),
      h("button", { class: "secondary", disabled: data.page >= pages, onclick: () => go({ page: String(data.page + 1) }) }, "Next ›")));
  view.dataset.loaded = "accounts";
}
