#!/usr/bin/env bash
# Dashboard benchmark: the portfolio page of 10,000 scored accounts loaded in headless Debian Chromium (Playwright), from
# the start of the navigation to the page drawn (numbers, both charts, renewals, movers; the page's own clock), each
# round in a fresh browser context, after one warm-up round (the app's first read fills its few-seconds cache); beside
# the storage floor: one read of every account row's list columns with the same client (Azure.Data.Tables), the least
# any portfolio view must do. One private in-memory Azurite; the app (local runner, its own process) reads it; accounts
# seeded with 30 days of 10 metrics (bench/PipelineBench seed) and rescored once (RescoreService, as the timer runs it).
# Last line: "dashboard: ratio=R page_ms=... floor_ms=..." with R = page load / floor (median of the rounds); the target
# is page_ms < 1000 at 10,000 accounts.
# Usage: ./scripts/bench.sh dashboard [--quick]     (quick: 2,000 accounts, 3 rounds)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
parse_options "$0" "--quick" "$@"

ACCOUNTS=10000 DAYS=30 ROUNDS=5
if [ "${1:-}" = "--quick" ]; then ACCOUNTS=2000 ROUNDS=3; fi
AS_OF=$(date -u +%F)

start_browser_bench "$ACCOUNTS" dash "$DAYS" "$AS_OF"
run() { bench_run "$@"; }

# Timers parked: the run measures reading alone.
start_bench_app dash

log "dashboard: $ROUNDS rounds each (after one warm-up): the storage floor, then the page"
floor=$(run "$DASHBOARD" floor "$BENCH_CS" dash "$ROUNDS")
page=$(run "$DASHBOARD" page "http://127.0.0.1:$APP_PORT/" "$ROUNDS")
PAGE_MS=$(json_field "$page" page_ms) FLOOR_MS=$(json_field "$floor" floor_ms)
printf 'page   %6s ms (max %s ms; %s ms as the driver sees it)   GET /api/portfolio %s ms   GET /api/accounts (page 1) %s ms\n' "$PAGE_MS" \
  "$(json_field "$page" page_ms_max)" "$(json_field "$page" driver_ms)" "$(json_field "$page" portfolio_api_ms)" "$(json_field "$page" accounts_api_ms)" >&2
printf 'first  %6s ms   (the first load after the app started: its accounts cache empty)\n' "$(json_field "$page" first_page_ms)" >&2
printf 'floor  %6s ms   (%s account rows read)\n' "$FLOOR_MS" "$(json_field "$floor" rows)" >&2
echo "dashboard: ratio=$(awk -v p="$PAGE_MS" -v f="$FLOOR_MS" 'BEGIN { printf "%.3f", p / f }') page_ms=$PAGE_MS floor_ms=$FLOOR_MS" \
  "page_ms_max=$(json_field "$page" page_ms_max) first_page_ms=$(json_field "$page" first_page_ms) driver_ms=$(json_field "$page" driver_ms) portfolio_api_ms=$(json_field "$page" portfolio_api_ms)" \
  "accounts_api_ms=$(json_field "$page" accounts_api_ms) accounts=$ACCOUNTS rounds=$ROUNDS"
