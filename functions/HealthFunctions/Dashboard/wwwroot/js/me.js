// Who is using the dashboard. In Azure, GET /api/me names the signed-in user (the principal App Service authentication
// passes); locally (or while the server has no /api/me) the user picks the owner name they go by, kept in the URL
// (?as=NAME) or in this browser (localStorage), and "my accounts / my tasks" use it.
import { api } from "./api.js";
import { h, mount } from "./dom.js";

const key = "hf-me";
let cached;

/** { name, signedIn, mode, roles }: name null when nobody is chosen yet; signedIn true when the server named the user. */
export async function me() {
  if (!cached) {
    cached = (async () => {
      try {
        const m = await api("me");
        if (m?.name) return { name: m.name, signedIn: true, mode: m.mode ?? "azure", roles: m.roles ?? [] };
        return chosen(m?.mode ?? "local", m?.roles ?? []);
      } catch {
        return chosen("local", []); // no /api/me on this server (404), or not reachable: a chosen name stands in
      }
    })();
  }
  return cached;
}

function chosen(mode, roles) {
  const fromUrl = new URLSearchParams(location.hash.split("?")[1] ?? "").get("as");
  if (fromUrl) localStorage.setItem(key, fromUrl);
  return { name: fromUrl || localStorage.getItem(key) || null, signedIn: false, mode, roles };
}

/** Sets the chosen name (local mode). */
export function choose(name) {
  const trimmed = (name ?? "").trim();
  if (trimmed) localStorage.setItem(key, trimmed); else localStorage.removeItem(key);
  cached = undefined;
}

/** The header's "who": the signed-in user's name, or a field to choose the name you go by. */
export async function showWho(element, onChange) {
  const who = await me();
  if (who.signedIn) {
    mount(element, "Signed in as ", h("strong", { dataset: { testid: "me" } }, who.name));
    return;
  }
  const input = h("input", { id: "me-name", value: who.name ?? "", placeholder: "your owner name", autocomplete: "off", dataset: { testid: "me-input" },
    onchange: (e) => { choose(e.target.value); showWho(element, onChange); onChange(); } });
  mount(element, h("label", { for: "me-name" }, "You are "), input);
}
