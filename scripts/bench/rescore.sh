#!/usr/bin/env bash
# Full rescore benchmark: RescoreService.RescoreAllAsync (the daily timer's work, the app's own services) over
# accounts seeded with 90 days of 10 metrics, beside the raw I/O floor with the same client (read every account
# row, batch-merge a score into each; bench/PipelineBench). One private in-memory Azurite, two rounds on the large
# set in alternating order (each rescore on a new day, so every account is scored again).
# Also rescore a set a tenth the size in its own process (after scoring it once, so its rows carry a stored result as
# the large set's do in its second round), to compare the peak working sets (memory must not grow with the count).
# Both sides use Azure.Data.Tables, the app's client; a policy on the client options counts every table request.
# Last line: "rescore: ratio=R ..." with R = our wall time / the floor's (target <= 1.5); requests_per_account
# counts every table request our run sends, retries included (target <= 0.025); ours_cpu_ms and floor_cpu_ms are
# the CPU each process used in its timed section.
# Usage: ./scripts/bench.sh rescore [--quick]     (full: 100,000 and 10,000 accounts; quick: 10,000 and 1,000)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
parse_options "$0" "--quick" "$@"

LARGE=100000 SMALL=10000 DAYS=90 PARALLELISM=4
if [ "${1:-}" = "--quick" ]; then LARGE=10000 SMALL=1000; fi
AS_OF=$(date -u +%F)
NEXT_DAY=$(date -u -d "$AS_OF + 1 day" +%F)

ensure_node_tools
command -v dotnet >/dev/null || { echo "dotnet is required" >&2; exit 1; }
log "Building bench/PipelineBench (Release)..."
dotnet build "$ROOT/bench/PipelineBench" -c Release -v q -clp:ErrorsOnly -nologo >&2
BENCH="$ROOT/bench/PipelineBench/bin/Release/net10.0/PipelineBench.dll"

# Azurite keeps everything in memory: 100,000 rows of ~5 KB state need more than node's default heap.
start_bench_azurite --max-old-space-size=8192
# Each run's line gets the CPU Azurite (one Node thread) spent meanwhile: both sides wait on it.
azurite_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$AZURITE_PID/stat" 2>/dev/null || echo 0; }
run() {
  local line before
  before=$(azurite_cpu_ms)
  line=$(dotnet "$BENCH" "$@")
  line="${line%\}},\"azurite_cpu_ms\":$(( $(azurite_cpu_ms) - before ))}"
  echo "  $line" >&2; echo "$line"
}

log "rescore: seeding $LARGE + $SMALL accounts x $DAYS days x 10 metrics (as of $AS_OF)..."
run seed "$BENCH_CS" large "$LARGE" "$DAYS" "$AS_OF" >/dev/null
run seed "$BENCH_CS" small "$SMALL" "$DAYS" "$AS_OF" >/dev/null

# The small set is scored once first (untimed), so its measured run reads rows of the same shape as the large set's
# second round (state plus a stored result): the peak working sets then differ only by the account count.
run rescore "$BENCH_CS" small "$AS_OF" "$PARALLELISM" >/dev/null
small=$(run rescore "$BENCH_CS" small "$NEXT_DAY" "$PARALLELISM")
log "rescore: $LARGE accounts, 2 rounds (ours then floor; floor then ours), parallelism $PARALLELISM"
ours1=$(run rescore "$BENCH_CS" large "$AS_OF" "$PARALLELISM")
floor1=$(run rescore-floor "$BENCH_CS" large "$PARALLELISM")
floor2=$(run rescore-floor "$BENCH_CS" large "$PARALLELISM")
ours2=$(run rescore "$BENCH_CS" large "$NEXT_DAY" "$PARALLELISM")

OURS_MS=$(( $(json_field "$ours1" ms) + $(json_field "$ours2" ms) ))
FLOOR_MS=$(( $(json_field "$floor1" ms) + $(json_field "$floor2" ms) ))
OURS_REQ=$(( $(json_field "$ours1" requests) + $(json_field "$ours2" requests) ))
OURS_CPU=$(( $(json_field "$ours1" cpu_ms) + $(json_field "$ours2" cpu_ms) ))
FLOOR_CPU=$(( $(json_field "$floor1" cpu_ms) + $(json_field "$floor2" cpu_ms) ))
OURS_AZ=$(( $(json_field "$ours1" azurite_cpu_ms) + $(json_field "$ours2" azurite_cpu_ms) ))
FLOOR_AZ=$(( $(json_field "$floor1" azurite_cpu_ms) + $(json_field "$floor2" azurite_cpu_ms) ))
FLOOR_REQ=$(( $(json_field "$floor1" requests) + $(json_field "$floor2" requests) ))
WS_SMALL=$(json_field "$small" peak_ws_mib)
WS_LARGE=$(awk -v a="$(json_field "$ours1" peak_ws_mib)" -v b="$(json_field "$ours2" peak_ws_mib)" 'BEGIN { print (a > b ? a : b) }')

calc() { awk "BEGIN { printf \"$1\", $2 }"; }
printf 'ours   %7d ms  %7d ms CPU (Azurite %7d ms)  %6d table requests  %s accounts/s\n' "$OURS_MS" "$OURS_CPU" "$OURS_AZ" "$OURS_REQ" "$(calc %.0f "2 * $LARGE * 1000 / $OURS_MS")" >&2
printf 'floor  %7d ms  %7d ms CPU (Azurite %7d ms)  %6d table requests  %s accounts/s\n' "$FLOOR_MS" "$FLOOR_CPU" "$FLOOR_AZ" "$FLOOR_REQ" "$(calc %.0f "2 * $LARGE * 1000 / $FLOOR_MS")" >&2
printf 'peak working set: %s MiB at %d accounts, %s MiB at %d accounts\n' "$WS_SMALL" "$SMALL" "$WS_LARGE" "$LARGE" >&2
echo "rescore: ratio=$(calc %.3f "$OURS_MS / $FLOOR_MS") ours_ms=$OURS_MS floor_ms=$FLOOR_MS ours_cpu_ms=$OURS_CPU floor_cpu_ms=$FLOOR_CPU" \
  "cpu_ratio=$(calc %.3f "$OURS_CPU / $FLOOR_CPU") ours_azurite_cpu_ms=$OURS_AZ floor_azurite_cpu_ms=$FLOOR_AZ accounts=$LARGE rounds=2" \
  "requests_per_account=$(calc %.4f "$OURS_REQ / (2 * $LARGE)") floor_requests_per_account=$(calc %.4f "$FLOOR_REQ / (2 * $LARGE)")" \
  "peak_ws_mib_${SMALL}=$WS_SMALL peak_ws_mib_${LARGE}=$WS_LARGE ws_growth=$(calc %.2f "$WS_LARGE / $WS_SMALL")" \
  "messages=$(( $(json_field "$ours1" messages) + $(json_field "$ours2" messages) ))"
