#!/usr/bin/env bash
# Calibration on public data (issue #12): hand model vs calibrated vs a plain logistic regression on the same time
# split, for two datasets of the R package modeldata (credit_data, lending_club; MIT), then a backtest plus a
# calibration of 10,000 outcomes with 180 days of history (--quick: 2,000). The data are not kept in the repository:
# they are exported at run time from the Debian package r-cran-modeldata (installed here with apt-get when missing).
# Writes tables, proposed models, changes and HTML reports to .bench/calibration/.
# Last line: "calibration: ratio=R ..." with R = (backtest + calibration seconds) / (seconds to build and read every bucket once).
# Usage: ./scripts/bench.sh calibration [--quick]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
parse_options "$0" "--quick" "$@"
cd "$ROOT"
data="$ROOT/.bench/data"
log "Exporting credit_data and lending_club from modeldata to $data..."
export_modeldata "$data"
log "Building bench/CalibrationBench (Release)..."
dotnet build bench/CalibrationBench -c Release --nologo -v q -clp:ErrorsOnly >&2
log "Running the calibration benchmark (its own progress follows)..."
dotnet run -c Release --no-build --project bench/CalibrationBench -- --data "$data" --out "$ROOT/.bench/calibration" "$@"
