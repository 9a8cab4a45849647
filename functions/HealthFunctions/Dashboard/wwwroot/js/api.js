// The dashboard's calls to the function app. Same origin: in Azure, App Service authentication's session cookie goes
// along; locally nothing is needed. Admin calls (model activation) add the admin key the user typed.
export class ApiError extends Error {
  constructor(status, problem) {
    const fields = (problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("; ");
    super(fields || problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const base = new URL("../", document.baseURI).pathname.replace(/dashboard\/$/, ""); // ".../api/"

export function apiUrl(path) {
  return base + path.replace(/^\//, "");
}

export async function api(path, { method = "GET", body, adminKey } = {}) {
  const headers = { "X-Requested-With": "XMLHttpRequest" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (adminKey) headers["x-functions-key"] = adminKey;
  const response = await fetch(apiUrl(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const text = await response.text();
  const data = text && (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(response.status, typeof data === "object" ? data : { detail: data });
  return data;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
