#!/usr/bin/env bash
# Table client benchmark: our C# client (bench/TablesBench) vs the official JavaScript SDK (@azure/data-tables,
# bench/tables-peer.mjs) doing the same work against one fresh in-memory Azurite: batch-insert N entities over P
# partitions (100 per transaction, 8 in flight), then read them all back with one full-table query.
# Each side writes its own table and drops it after its round (untimed), so every round meets an Azurite of the
# same size; the rounds alternate which side goes first to even out warm-up and drift.
# Usage: ./scripts/bench.sh tables [--quick]     (quick: 10,000 entities / 100 partitions)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

ENTITIES=100000 PARTITIONS=1000 ROUNDS=2 CONCURRENCY=8
if [ "${1:-}" = "--quick" ]; then ENTITIES=10000 PARTITIONS=100; fi

ensure_node_tools
command -v dotnet >/dev/null || { echo "dotnet is required" >&2; exit 1; }

start_bench_azurite
CS="$BENCH_CS"

echo "Building bench/TablesBench (Release)..." >&2
dotnet build "$ROOT/bench/TablesBench" -c Release -v q -clp:ErrorsOnly -nologo >&2
BENCH_DLL="$ROOT/bench/TablesBench/bin/Release/net10.0/TablesBench.dll"

run_ours() { dotnet "$BENCH_DLL" "$CS" "ours$1" "$ENTITIES" "$PARTITIONS" "$CONCURRENCY"; }
run_peer() { (cd "$ROOT" && node bench/tables-peer.mjs "$CS" "peer$1" "$ENTITIES" "$PARTITIONS" "$CONCURRENCY"); }

OURS_INSERT=0 OURS_QUERY=0 PEER_INSERT=0 PEER_QUERY=0
echo "tables: $ENTITIES entities / $PARTITIONS partitions, $CONCURRENCY transactions in flight, $ROUNDS rounds" >&2
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="ours peer"; else order="peer ours"; fi
  for side in $order; do
    line=$("run_$side" "$round")
    echo "  round $round $side: $line" >&2
    if [ "$side" = ours ]; then
      OURS_INSERT=$((OURS_INSERT + $(json_field "$line" insert_ms))); OURS_QUERY=$((OURS_QUERY + $(json_field "$line" query_ms)))
    else
      PEER_INSERT=$((PEER_INSERT + $(json_field "$line" insert_ms))); PEER_QUERY=$((PEER_QUERY + $(json_field "$line" query_ms)))
    fi
  done
done

OURS=$((OURS_INSERT + OURS_QUERY)) PEER=$((PEER_INSERT + PEER_QUERY))
TOTAL_ENTITIES=$((ENTITIES * ROUNDS))
rate() { awk -v n="$TOTAL_ENTITIES" -v ms="$1" 'BEGIN { printf "%.0f", n * 1000 / ms }'; }
printf '%-6s insert %7d ms  query %7d ms  total %7d ms  %s entities/s\n' ours "$OURS_INSERT" "$OURS_QUERY" "$OURS" "$(rate "$OURS")"
printf '%-6s insert %7d ms  query %7d ms  total %7d ms  %s entities/s\n' peer "$PEER_INSERT" "$PEER_QUERY" "$PEER" "$(rate "$PEER")"
RATIO=$(awk -v a="$OURS" -v b="$PEER" 'BEGIN { printf "%.3f", a / b }')
echo "tables: ratio=$RATIO ours_ms=$OURS peer_ms=$PEER entities=$TOTAL_ENTITIES"
