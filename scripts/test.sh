#!/usr/bin/env bash
# Builds the solution and runs every test. Integration tests start their own Azurite (from node_modules).
# Ends with one plain line: "N passed, N failed[, N skipped]", summed from the test results (TRX files).
#   ./scripts/test.sh                        everything
#   ./scripts/test.sh --filter EXPRESSION    only the matching tests (dotnet test --filter, e.g. FullyQualifiedName~Rescore)
#   ./scripts/test.sh --update-screenshots   also write the browser tests' screenshots over docs/screenshots/*.png (tracked);
#                                            without it they go to TestResults/, and a test run leaves the tree as it was
# Results go to a new folder TestResults/run.XXXXXX; the folders earlier runs of this script made there are removed.
# A test that hangs is stopped after 30 minutes and reported (dotnet test --blame-hang-timeout): no test waits on time.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
parse_options "$0" "--filter= --update-screenshots" "$@"
filter=()
export HF_SCREENSHOTS_DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter=(--filter "$2"); shift 2 ;;
    --update-screenshots) HF_SCREENSHOTS_DIR="$ROOT/docs/screenshots"; shift ;;
    *) shift ;;
  esac
done
cd "$ROOT"
build_dashboard # installs the pinned Node tools (npm ci) when missing, then checks the dashboard's scripts
mkdir -p "$ROOT/TestResults"
marker=".made-by-test-sh"
for earlier in "$ROOT"/TestResults/run.*; do
  [ -f "$earlier/$marker" ] && rm -rf "$earlier"
done
results=$(mktemp -d "$ROOT/TestResults/run.XXXXXX")
touch "$results/$marker"
[ -n "$HF_SCREENSHOTS_DIR" ] || HF_SCREENSHOTS_DIR="$results/screenshots"

log "Building the solution..."
dotnet build HealthFunctions.sln -c Release --nologo -v q -clp:ErrorsOnly
log "Running the tests..."
status=0
dotnet test HealthFunctions.sln -c Release --no-build --nologo -v q \
  --logger "trx" --results-directory "$results" --blame-hang-timeout 30m --blame-hang-dump-type none "${filter[@]}" || status=$?

passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
files=("$results"/*.trx)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no test results found in $results" >&2
  status=1
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] || status=1
exit "$status"
