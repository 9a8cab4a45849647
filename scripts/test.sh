#!/usr/bin/env bash
# Builds the solution and runs every test. Integration tests start their own Azurite (from node_modules).
# Ends with one plain line: "N passed, N failed[, N skipped]", summed from the test results (TRX files).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
build_dashboard

results="$ROOT/TestResults"
rm -rf "$results"
dotnet build HealthFunctions.sln -c Release --nologo -v q -clp:ErrorsOnly
status=0
dotnet test HealthFunctions.sln -c Release --no-build --nologo -v q \
  --logger "trx" --results-directory "$results" "$@" || status=$?

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
