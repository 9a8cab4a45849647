#!/usr/bin/env bash
# Ingestion benchmark: the app (local mode, its own process) takes POST /api/signals from a concurrent load
# generator, 100 signals a post (10 accounts x 10 metrics, unique event ids), for 60 s after a 3 s warm-up;
# beside the storage write floor: the same signals written straight to a table with the same client, one
# entity-group transaction per account and no read (bench/PipelineBench). One private in-memory Azurite; the floor
# runs first and drops its table afterwards (untimed), so both sides start from an empty store.
# Both sides use Azure.Data.Tables. Each reports the CPU of the process doing the work in the timed window (the app's
# process for ours, the bench process for the floor).
# Last line: "ingest: ratio=R ..." with R = floor signals/s / ours (= our time per signal over the floor's; target <= 2).
# Usage: ./scripts/bench.sh ingest [--quick]     (quick: 10 s each)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

SECONDS_EACH=60 CONCURRENCY=16 POOL=10000
if [ "${1:-}" = "--quick" ]; then SECONDS_EACH=10; fi

ensure_node_tools
command -v dotnet >/dev/null || { echo "dotnet is required" >&2; exit 1; }
# The app as a local process: the one place that names it (the project whose Release build is run with `dotnet`).
APP_PROJECT="$ROOT/functions/HealthFunctions.Local/HealthFunctions.Local.csproj"
APP="$(dirname "$APP_PROJECT")/bin/Release/net10.0/$(basename "$APP_PROJECT" .csproj).dll"
echo "Building bench/PipelineBench and the app (Release)..." >&2
dotnet build "$ROOT/bench/PipelineBench" -c Release -v q -clp:ErrorsOnly -nologo >&2
dotnet build "$APP_PROJECT" -c Release -v q -clp:ErrorsOnly -nologo >&2
BENCH="$ROOT/bench/PipelineBench/bin/Release/net10.0/PipelineBench.dll"

start_bench_azurite --max-old-space-size=8192
APP_PORT=$(free_port)
# The timers are parked (a schedule that fires once a year) so the run measures ingestion alone.
HealthStorage="$BENCH_CS" HealthFunctions__StoragePrefix=ingest \
  RescoreSchedule="0 0 0 1 1 *" DirtyRescoreSchedule="0 0 0 1 1 *" DispatchSchedule="0 0 0 1 1 *" JobsSchedule="0 0 0 1 1 *" Logging__LogLevel__Default=Warning \
  dotnet "$APP" --urls "http://127.0.0.1:$APP_PORT" >"$BENCH_WORK/app.log" 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; rm -rf "$BENCH_WORK"' EXIT
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$APP_PORT/api/healthz" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$BENCH_WORK/app.log" >&2; exit 1; }
  sleep 0.1
done

run() { local line; line=$(dotnet "$BENCH" "$@"); echo "  $line" >&2; echo "$line"; }
echo "ingest: $CONCURRENCY senders, ${SECONDS_EACH} s each side, 100 signals a post over a pool of $POOL accounts" >&2
floor=$(run ingest-floor "$BENCH_CS" floor "$SECONDS_EACH" "$CONCURRENCY" "$POOL")
ours=$(run ingest "http://127.0.0.1:$APP_PORT/" "$SECONDS_EACH" "$CONCURRENCY" "$POOL" "$APP_PID")

show() { printf '%-6s %9s signals/s  p50 %7s ms  p99 %7s ms  %7s ms CPU (%s us/signal)  %s posts, %s failed\n' "$1" \
  "$(json_field "$2" signals_per_s)" "$(json_field "$2" p50_ms)" "$(json_field "$2" p99_ms)" "$(json_field "$2" cpu_ms)" \
  "$(json_field "$2" cpu_us_per_signal)" "$(json_field "$2" posts)" "$(json_field "$2" failed_posts)" >&2; }
show ours "$ours"
show floor "$floor"
RATIO=$(awk -v f="$(json_field "$floor" signals_per_s)" -v o="$(json_field "$ours" signals_per_s)" 'BEGIN { printf "%.3f", f / o }')
echo "ingest: ratio=$RATIO ours_signals_per_s=$(json_field "$ours" signals_per_s) floor_signals_per_s=$(json_field "$floor" signals_per_s)" \
  "ours_p50_ms=$(json_field "$ours" p50_ms) ours_p99_ms=$(json_field "$ours" p99_ms)" \
  "ours_cpu_ms=$(json_field "$ours" cpu_ms) floor_cpu_ms=$(json_field "$floor" cpu_ms)" \
  "ours_cpu_us_per_signal=$(json_field "$ours" cpu_us_per_signal) floor_cpu_us_per_signal=$(json_field "$floor" cpu_us_per_signal)" \
  "floor_p50_ms=$(json_field "$floor" p50_ms) floor_p99_ms=$(json_field "$floor" p99_ms)" \
  "ours_failed_posts=$(json_field "$ours" failed_posts) seconds=$SECONDS_EACH concurrency=$CONCURRENCY"
