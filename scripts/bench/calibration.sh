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
mkdir -p "$data"
if ! Rscript -e 'library(modeldata)' >/dev/null 2>&1; then
  log "Installing the Debian package r-cran-modeldata (R and its data sets)..."
  apt-get install -y -qq --no-install-recommends r-cran-modeldata >&2 \
    || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends r-cran-modeldata >&2; }
fi
log "Exporting credit_data and lending_club from modeldata to $data..."
Rscript -e 'suppressMessages(library(modeldata)); args <- commandArgs(TRUE);
  for (name in c("credit_data", "lending_club")) { e <- new.env(); data(list = name, package = "modeldata", envir = e);
    write.csv(get(name, e), file.path(args[1], paste0(name, ".csv")), row.names = FALSE, na = "") }' "$data" >&2
log "Building bench/CalibrationBench (Release)..."
dotnet build bench/CalibrationBench -c Release --nologo -v q -clp:ErrorsOnly >&2
log "Running the calibration benchmark (its own progress follows)..."
dotnet run -c Release --no-build --project bench/CalibrationBench -- --data "$data" --out "$ROOT/.bench/calibration" "$@"
