// The dashboard's router: #/portfolio, #/accounts?filters, #/account/{id}, #/tasks, #/model.
import { showPortfolio } from "./portfolio.js";
import { showAccounts } from "./accounts.js";
import { showAccount } from "./account.js";
import { showTasks } from "./tasks.js";
import { showModel } from "./model.js";
import { clearCharts } from "./charts.js";
import { h, mount } from "./dom.js";

const view = document.getElementById("view");

async function route() {
  const [path, search = ""] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(search);
  const parts = path.split("/").filter(Boolean);
  const page = parts[0] ?? "portfolio";
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === (page === "account" ? "accounts" : page));
  delete view.dataset.loaded;
  clearCharts();
  try {
    if (page === "accounts") await showAccounts(view, params);
    else if (page === "account" && parts[1]) await showAccount(view, decodeURIComponent(parts[1]));
    else if (page === "tasks") await showTasks(view, params);
    else if (page === "model") await showModel(view);
    else await showPortfolio(view);
    // Milliseconds from the start of the navigation to this view drawn (read by the dashboard benchmark).
    view.dataset.drawnMs = String(Math.round(performance.now()));
  } catch (err) {
    mount(view, h("h1", {}, "Something went wrong"), h("p", { class: "error" }, err.message),
      err.status === 401 ? h("p", {}, "Your sign-in has expired: reload the page to sign in again.") : null);
    view.dataset.loaded = "error";
  }
}

async function whoAmI() {
  // In Azure, App Service authentication answers /.auth/me with the signed-in user; locally there is no such endpoint.
  if (["127.0.0.1", "localhost", "[::1]"].includes(location.hostname)) return;
  try {
    const r = await fetch("/.auth/me", { credentials: "same-origin" });
    const me = r.ok ? await r.json() : null;
    const name = me?.[0]?.user_id;
    if (name) {
      document.getElementById("who").textContent = name;
      if (!localStorage.getItem("hf-author")) localStorage.setItem("hf-author", name);
    }
  } catch { /* local: no sign-in */ }
}

addEventListener("hashchange", route);
addEventListener("DOMContentLoaded", () => { route(); whoAmI(); });
