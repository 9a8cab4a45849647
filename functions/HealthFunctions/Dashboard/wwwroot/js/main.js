// The dashboard's router: #/mine, #/portfolio, #/accounts?filters, #/account/{id}, #/tasks?filters, #/model?proposal=.
import { showPortfolio } from "./portfolio.js";
import { showAccounts } from "./accounts.js";
import { showAccount } from "./account.js";
import { showTasks } from "./tasks.js";
import { showModel } from "./model.js";
import { showMine } from "./mine.js";
import { showWho } from "./me.js";
import { clearCharts } from "./charts.js";
import { h, mount } from "./dom.js";

const view = document.getElementById("view");
let navigated = false;

async function route() {
  const [path, search = ""] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(search);
  const parts = path.split("/").filter(Boolean);
  const page = parts[0] ?? "portfolio";
  for (const a of document.querySelectorAll("[data-nav]")) {
    const current = a.dataset.nav === (page === "account" ? "accounts" : page);
    a.classList.toggle("active", current);
    if (current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  delete view.dataset.loaded;
  clearCharts();
  try {
    if (page === "accounts") await showAccounts(view, params);
    else if (page === "account" && parts[1]) await showAccount(view, decodeURIComponent(parts[1]));
    else if (page === "tasks") await showTasks(view, params);
    else if (page === "model") await showModel(view, params);
    else if (page === "mine") await showMine(view);
    else await showPortfolio(view);
    // Milliseconds from the start of the navigation to this view drawn (read by the dashboard benchmark).
    view.dataset.drawnMs = String(Math.round(performance.now()));
  } catch (err) {
    mount(view, h("h1", {}, "Something went wrong"), h("p", { class: "error" }, err.message),
      err.status === 401 ? h("p", {}, "Your sign-in has expired: reload the page to sign in again.") : null);
    view.dataset.loaded = "error";
  }
  // After a navigation (not the first load), keyboard and screen-reader users land on the new page.
  if (navigated) view.focus({ preventScroll: true });
  navigated = true;
}

addEventListener("hashchange", route);
addEventListener("DOMContentLoaded", () => {
  route();
  showWho(document.getElementById("who"), () => { if (location.hash.startsWith("#/mine")) route(); });
});
