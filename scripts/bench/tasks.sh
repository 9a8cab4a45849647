#!/usr/bin/env bash
# Tasks benchmark: the tasks board over 10,000 playbook tasks (on 10,000 scored accounts) loaded in headless Debian
# Chromium, from the start of the navigation to the first page of open tasks drawn (with every status's count, what is
# overdue, and each task's account), each round in a fresh browser context after one warm-up round; GET /api/tasks (page
# 1, and a filtered, ARR-sorted page) timed alone; beside the storage floor: one read of every task row with the same
# client (Azure.Data.Tables), the least a board that filters, counts and sorts every task on the server must do. One
# private in-memory Azurite; the app (local runner, its own process) reads it; accounts seeded and rescored as the
# dashboard benchmark does, tasks written through the app's TaskStore (bench/PipelineBench seed-tasks).
# Last line: "tasks: ratio=R page_ms=... floor_ms=... api_ms=..." with R = page load / floor (median of the rounds); the
# target is page_ms < 1000 at 10,000 tasks.
# Usage: ./scripts/bench.sh tasks [--quick]     (quick: 2,000 tasks, 3 rounds)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
parse_options "$0" "--quick" "$@"

COUNT=10000 DAYS=30 ROUNDS=5
if [ "${1:-}" = "--quick" ]; then COUNT=2000 ROUNDS=3; fi
AS_OF=$(date -u +%F)

start_browser_bench "$COUNT" tsk "$DAYS" "$AS_OF"
run() { bench_run "$@"; }
log "tasks: writing $COUNT tasks through the app's TaskStore..."
run "$PIPELINE" seed-tasks "$BENCH_CS" tsk "$COUNT" "$AS_OF" >/dev/null

# Timers parked: the run measures reading alone.
start_bench_app tsk

log "tasks: $ROUNDS rounds each (after one warm-up): the storage floor, then the board"
floor=$(run "$DASHBOARD" tasks-floor "$BENCH_CS" tsk "$ROUNDS")
page=$(run "$DASHBOARD" tasks "http://127.0.0.1:$APP_PORT/" "$ROUNDS")
PAGE_MS=$(json_field "$page" page_ms) FLOOR_MS=$(json_field "$floor" floor_ms)
printf 'board  %6s ms (max %s ms)   GET /api/tasks (page 1) %s ms   filtered and sorted by ARR %s ms\n' "$PAGE_MS" \
  "$(json_field "$page" page_ms_max)" "$(json_field "$page" api_ms)" "$(json_field "$page" filtered_api_ms)" >&2
printf 'floor  %6s ms   (%s task rows read)\n' "$FLOOR_MS" "$(json_field "$floor" rows)" >&2
echo "tasks: ratio=$(awk -v p="$PAGE_MS" -v f="$FLOOR_MS" 'BEGIN { printf "%.3f", p / f }') page_ms=$PAGE_MS floor_ms=$FLOOR_MS" \
  "page_ms_max=$(json_field "$page" page_ms_max) api_ms=$(json_field "$page" api_ms) filtered_api_ms=$(json_field "$page" filtered_api_ms) tasks=$COUNT rounds=$ROUNDS"
