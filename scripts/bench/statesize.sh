#!/usr/bin/env bash
# What signal retention costs (issue #12, #14 finding 2): encoded state per account for a few profiles and retentions,
# what the account row keeps and how many month rows hold the rest, against the row limits. Pure: no storage.
# Last line: "statesize: ratio=R ..." with R = largest row's state bytes over the 1 MiB entity limit (must stay under 1).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
case "${1:-}" in -h|--help) sed -n '2,4p' "$0"; exit 0 ;; "" | --quick) ;; *) echo "unknown option: $1" >&2; exit 2 ;; esac
dotnet build bench/CalibrationBench -c Release --nologo -v q -clp:ErrorsOnly >&2
dotnet run -c Release --no-build --project bench/CalibrationBench -- state-size
