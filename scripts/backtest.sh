#!/usr/bin/env bash
# Posts renewal outcomes (CSV) to a running app, prints the backtest as a table and writes an HTML report.
# Usage: ./scripts/backtest.sh OUTCOMES.csv [--url http://127.0.0.1:7071] [--out backtest-report.html] [--lead 60,90] [--model VERSION | --draft FILE] [--calibrate]
# Backtest and calibration run as jobs on the app (progress shown). On public data through the API: ./scripts/backtest-public.sh.
# Start the app first with ./scripts/run.sh (add --demo for simulated accounts and .bench/demo-outcomes.csv).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
parse_options "$0" "--url= --out= --lead= --model= --draft= --calibrate ARG" "$@"
command -v node >/dev/null || { echo "node is required (Node 20+)" >&2; exit 1; }
exec node "$ROOT/scripts/backtest.mjs" "$@"
