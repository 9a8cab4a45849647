// Table client benchmark, the peer side: the official @azure/data-tables SDK doing the same work as
// bench/TablesBench (batch-insert N entities over P partitions, 100 per transaction, C in flight, then one
// full-table query, then dropping its tables untimed). Prints one JSON line.
// Usage: node bench/tables-peer.mjs <connectionString> <table> <entities> <partitions> <concurrency>
import { TableClient } from "@azure/data-tables";

const [connectionString, tableName, entitiesArg, partitionsArg, concurrencyArg] = process.argv.slice(2);
if (!concurrencyArg) {
  console.error("usage: tables-peer.mjs <connectionString> <table> <entities> <partitions> <concurrency>");
  process.exit(2);
}
const entities = Number(entitiesArg), partitions = Number(partitionsArg), concurrency = Number(concurrencyArg);
const perPartition = Math.floor(entities / partitions);
const table = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
await table.createTable();
const baseTime = Date.UTC(2026, 0, 1);

const batches = [];
for (let p = 0; p < partitions; p++) {
  for (let start = 0; start < perPartition; start += 100) {
    batches.push({ p, start, count: Math.min(100, perPartition - start) });
  }
}

const pad = (n, width) => String(n).padStart(width, "0");
let next = 0;
async function worker() {
  while (next < batches.length) {
    const { p, start, count } = batches[next++];
    const actions = [];
    for (let i = 0; i < count; i++) {
      const n = start + i;
      actions.push(["create", {
        partitionKey: `p${pad(p, 4)}`,
        rowKey: `r${pad(n, 5)}`,
        AccountId: `acct-${p}-${n}`,
        Score: { value: String((n % 100) + 0.5), type: "Double" },
        Tier: n % 3 === 0 ? "Red" : "Green",
        Signals: n,
        UpdatedAt: new Date(baseTime + n * 60000),
      }]);
    }
    await table.submitTransaction(actions);
  }
}

// Warm-up outside the timed section (both sides do the same): JIT, connection pool, first-request costs.
const warmup = TableClient.fromConnectionString(connectionString, `${tableName}warm`, { allowInsecureConnection: true });
await warmup.createTable();
for (let w = 0; w < 20; w++) {
  await warmup.submitTransaction(Array.from({ length: 100 }, (_, i) => ["upsert", { partitionKey: `w${w}`, rowKey: `r${i}`, N: i }, "Replace"]));
}
for await (const _ of warmup.listEntities().byPage()) { /* drain */ }

const insertStart = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const insertMs = performance.now() - insertStart;

const queryStart = performance.now();
let read = 0, checksum = 0;
for await (const page of table.listEntities().byPage()) {
  for (const entity of page) {
    read++;
    checksum += Number(entity.Score);
  }
}
const queryMs = performance.now() - queryStart;
if (read !== perPartition * partitions) {
  console.error(`read ${read} entities, expected ${perPartition * partitions}`);
  process.exit(1);
}
// Untimed: drop both tables so the next round meets an Azurite of the same size (its in-memory store slows as it grows).
await table.deleteTable();
await warmup.deleteTable();

console.log(JSON.stringify({ side: "peer", insert_ms: Math.round(insertMs), query_ms: Math.round(queryMs), entities: read, checksum }));
