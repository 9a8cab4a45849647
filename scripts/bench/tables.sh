#!/usr/bin/env bash
# Table read benchmark: how AccountStore.ScanAsync reads account rows with Azure.Data.Tables, against the plain way.
# bench/TablesBench reads the same seeded account rows (90 days x 10 metrics of binary state, as PipelineBench seeds
# them, then scored once) from one private in-memory Azurite three ways, rounds alternating the order, and reports each way's wall time
# and this process's CPU (the client's work: parsing the page, building entities, AccountEntityMapper):
#   entity-all     QueryAsync<TableEntity>, every column          (a plain port)
#   entity-select  QueryAsync<TableEntity>, the scoring columns    ($select alone)
#   typed-select   QueryAsync<AccountScoringRow>, scoring columns  (what ScanAsync does)
# Last line: "tables: ratio=R ..." with R = CPU of typed-select / CPU of entity-all (lower is better).
# Usage: ./scripts/bench.sh tables [--quick]     (full: 20,000 rows, 4 rounds; quick: 5,000 rows, 2 rounds)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
parse_options "$0" "--quick" "$@"

ROWS=20000 ROUNDS=4
if [ "${1:-}" = "--quick" ]; then ROWS=5000 ROUNDS=2; fi

ensure_node_tools
command -v dotnet >/dev/null || { echo "dotnet is required" >&2; exit 1; }
log "Building bench/TablesBench (Release)..."
dotnet build "$ROOT/bench/TablesBench" -c Release -v q -clp:ErrorsOnly -nologo >&2
PIPELINE="$ROOT/bench/PipelineBench/bin/Release/net10.0/PipelineBench.dll"
TABLES="$ROOT/bench/TablesBench/bin/Release/net10.0/TablesBench.dll"

start_bench_azurite --max-old-space-size=4096
log "tables: seeding $ROWS account rows..."
dotnet "$PIPELINE" seed "$BENCH_CS" rows "$ROWS" 90 "$(date -u +%F)" >&2
# Scored once, so every row also carries its stored result, baseline and recent series, as in a daily rescore.
dotnet "$PIPELINE" rescore "$BENCH_CS" rows "$(date -u +%F)" 4 >&2
lines=$(dotnet "$TABLES" "$BENCH_CS" rows "$ROUNDS")
echo "$lines" | sed 's/^/  /' >&2

sum() { echo "$lines" | grep "\"variant\":\"$1\"" | sed -E "s/.*\"$2\":([0-9]+).*/\1/" | paste -sd+ | bc; }
for v in entity-all entity-select typed-select; do
  printf '%-14s %7s ms wall  %7s ms CPU  (%d rows x %d rounds)\n' "$v" "$(sum "$v" ms)" "$(sum "$v" cpu_ms)" "$ROWS" "$ROUNDS" >&2
done
ALL=$(sum entity-all cpu_ms) SELECT=$(sum entity-select cpu_ms) TYPED=$(sum typed-select cpu_ms)
us() { awk -v c="$1" -v n="$((ROWS * ROUNDS))" 'BEGIN { printf "%.1f", c * 1000 / n }'; }
echo "tables: ratio=$(awk -v a="$TYPED" -v b="$ALL" 'BEGIN { printf "%.3f", a / b }') typed_select_cpu_ms=$TYPED entity_select_cpu_ms=$SELECT" \
  "entity_all_cpu_ms=$ALL typed_select_cpu_us_per_row=$(us "$TYPED") entity_all_cpu_us_per_row=$(us "$ALL")" \
  "typed_select_ms=$(sum typed-select ms) entity_all_ms=$(sum entity-all ms) rows=$ROWS rounds=$ROUNDS"
