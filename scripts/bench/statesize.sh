#!/usr/bin/env bash
# What signal retention costs (issue #12, #14 finding 2): encoded state per account for a few profiles and retentions,
# what the account row keeps and how many month rows hold the rest, against the row limits. Pure: no storage.
# Last line: "statesize: ratio=R ..." with R = largest row's state bytes over the 1 MiB entity limit (must stay under 1).
# Usage: ./scripts/bench.sh statesize [--quick]     (--quick is accepted and changes nothing: it is fast)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
parse_options "$0" "--quick" "$@"
cd "$ROOT"
dotnet build bench/CalibrationBench -c Release --nologo -v q -clp:ErrorsOnly >&2
dotnet run -c Release --no-build --project bench/CalibrationBench -- state-size
