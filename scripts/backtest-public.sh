#!/usr/bin/env bash
# The calibration report through the API on public data (issue #12): for each dataset of the R package modeldata (MIT;
# Debian r-cran-modeldata, installed with apt-get when R lacks it; not the telecom churn sets), a private Azurite and the
# app in the local runner; profiles, back-dated signals (?backfill=true) and outcomes in time order go in through the API;
# then the hand model as a draft: backtest job -> calibration job (progress shown) -> activation -> backtest job of the
# active model on the later outcomes, beside a plain logistic regression on the same split.
#   ./scripts/backtest-public.sh [--dataset credit_data|lending_club|both] [--count N] [--url URL]
#     --dataset  which dataset (default both; lending_club as 10,000 accounts, rows repeated past 9,857)
#     --count    accounts for one dataset (default: credit_data all 4,454 rows, lending_club 10,000)
#     --url      use an app already running there (one dataset; it needs HealthFunctions__SignalRetentionDays=2000)
# Takes several minutes (about a million signals are posted). Writes .bench/api/NAME-api-table.md; the last line per
# dataset is "api-NAME: auc=... plain_auc=... lift=... plain_lift=... targets=met|not-met ...".
set -euo pipefail
source "$(dirname "$0")/lib.sh"
parse_options "$0" "--dataset= --count= --url=" "$@"
cd "$ROOT"
datasets="credit_data lending_club" count="" url=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dataset) [ "$2" = both ] && datasets="credit_data lending_club" || datasets="$2"; shift 2 ;;
    --count) count="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
  esac
done
for d in $datasets; do
  case "$d" in credit_data|lending_club) ;; *) echo "unknown dataset: $d (credit_data, lending_club or both)" >&2; exit 2 ;; esac
done
if [ -n "$url" ] && [ "$(wc -w <<<"$datasets")" -ne 1 ]; then
  echo "--url takes one --dataset (each dataset needs an app of its own)" >&2; exit 2
fi

data="$ROOT/.bench/data"
mkdir -p "$ROOT/.bench/api"
export_modeldata "$data"

log "Building bench/CalibrationBench and the app (Release)..."
dotnet build bench/CalibrationBench -c Release -v q -clp:ErrorsOnly -nologo >&2
BENCH="$ROOT/bench/CalibrationBench/bin/Release/net10.0/CalibrationBench.dll"
driver() { dotnet "$BENCH" api --data "$data" --out "$ROOT/.bench/api" --dataset "$1" --url "$2" ${3:+--count "$3"}; }

if [ -n "$url" ]; then
  driver "$datasets" "$url" "$count"
  exit
fi

ensure_node_tools
APP_PROJECT="$ROOT/functions/HealthFunctions.Local/HealthFunctions.Local.csproj"
APP="$(dirname "$APP_PROJECT")/bin/Release/net10.0/$(basename "$APP_PROJECT" .csproj).dll"
dotnet build "$APP_PROJECT" -c Release -v q -clp:ErrorsOnly -nologo >&2
APP_PID="" AZURITE_PID=""
stop_all() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  if [ -n "$AZURITE_PID" ]; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; rm -rf "$BENCH_WORK"; fi
  APP_PID="" AZURITE_PID=""
}
status=0
for dataset in $datasets; do
  n="$count"
  [ -z "$n" ] && [ "$dataset" = lending_club ] && n=10000
  # A fresh in-memory Azurite per dataset: Azurite scans a whole table for a query and slows as tables grow.
  start_bench_azurite --max-old-space-size=12288
  trap stop_all EXIT
  port=$(free_port)
  # Signals reach back to 2022, so history is kept for 2,000 days; jobs start within two seconds; the rescore and
  # dispatch timers are parked (the report needs no recorded scores).
  HealthStorage="$BENCH_CS" HealthFunctions__StoragePrefix="${dataset//_/}" HealthFunctions__SignalRetentionDays=2000 \
    JobsSchedule="*/2 * * * * *" RescoreSchedule="0 0 0 1 1 *" DirtyRescoreSchedule="0 0 0 1 1 *" DispatchSchedule="0 0 0 1 1 *" AlertsSchedule="0 0 0 1 1 *" CleanupSchedule="0 0 0 1 1 *" \
    Logging__LogLevel__Default=Warning \
    dotnet "$APP" --urls "http://127.0.0.1:$port" >"$BENCH_WORK/app.log" 2>&1 &
  APP_PID=$!
  driver "$dataset" "http://127.0.0.1:$port" "$n" || { status=$?; log "The app's log:"; tail -20 "$BENCH_WORK/app.log" >&2; }
  stop_all
done
exit "$status"
