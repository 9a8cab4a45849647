// A local stand-in for Slack's and Teams' incoming webhooks, for the demo (./scripts/run.sh --demo starts it): keeps every
// alert the app posts to /slack or /teams as a JSON file and prints one stamped line per alert. Loopback only.
// Usage: node scripts/alert-receiver.mjs PORT DIR
import { createServer } from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { log } from "./progress.mjs";

const usage = "usage: node scripts/alert-receiver.mjs PORT DIR   (listens on 127.0.0.1:PORT; POST /slack and /teams bodies go to DIR)";
const positional = [];
for (const a of process.argv.slice(2)) {
  if (a === "-h" || a === "--help") { console.log(usage); process.exit(0); }
  if (a.startsWith("-")) { console.error(`alert-receiver.mjs: unknown option ${a}\n${usage}`); process.exit(2); }
  positional.push(a);
}
if (positional.length !== 2 || !/^[1-9][0-9]{1,4}$/.test(positional[0])) { console.error(usage); process.exit(2); }
const [port, dir] = [Number(positional[0]), positional[1]];
mkdirSync(dir, { recursive: true });

let count = 0;
// The headline of an alert, as each vendor shows it: Slack's header block, Teams' first TextBlock.
const headline = (path, body) => (path === "slack" ? body.blocks?.[0]?.text?.text : body.attachments?.[0]?.content?.body?.[0]?.text) ?? "(no headline)";

createServer((request, response) => {
  const path = request.url.replace(/^\//, "");
  if (request.method !== "POST" || !["slack", "teams"].includes(path)) { response.writeHead(404).end(); return; }
  const chunks = [];
  request.on("data", (c) => chunks.push(c));
  request.on("end", () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      count++;
      writeFileSync(join(dir, `${String(count).padStart(4, "0")}-${path}.json`), JSON.stringify(body, null, 1) + "\n");
      log(`alert-receiver: ${path === "slack" ? "Slack" : "Teams"} <- ${headline(path, body)}`);
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    } catch {
      response.writeHead(400).end("not JSON");
    }
  });
}).listen(port, "127.0.0.1", () => log(`alert-receiver: listening on http://127.0.0.1:${port} (/slack, /teams); alerts are kept in ${dir}`));
