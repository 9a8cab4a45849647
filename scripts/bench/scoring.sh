#!/usr/bin/env bash
# Scoring engine throughput: 1,000,000 accounts x 12 signals x 90 daily buckets (--quick: 50,000 accounts).
# Last line: "scoring: ratio=R ..." with R = CPU ns per metric-window / 1000 (target R < 1).
# Usage: ./scripts/bench.sh scoring [--quick] [--accounts N] [--sample]   (--sample prints one scored account as JSON)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
parse_options "$0" "--quick --sample --accounts=" "$@"
cd "$ROOT"
log "Building bench/ScoringBench (Release)..."
dotnet build bench/ScoringBench -c Release --nologo -v q -clp:ErrorsOnly >&2
dotnet run -c Release --no-build --project bench/ScoringBench -- "$@"
