#!/usr/bin/env bash
# Runs one benchmark: ./scripts/bench.sh NAME [--quick]. Each benchmark lives in scripts/bench/NAME.sh and
# ends with one line "NAME: ratio=R ..." (R compares ours with a floor or a peer measured in the same run).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
name="${1:-}"
available=$(cd "$ROOT/scripts/bench" 2>/dev/null && ls *.sh 2>/dev/null | sed 's/\.sh$//' | tr '\n' ' ')
if [ -z "$name" ] || [ ! -f "$ROOT/scripts/bench/$name.sh" ]; then
  echo "usage: ./scripts/bench.sh NAME [--quick]   (NAME: ${available:-none yet})" >&2
  exit 2
fi
shift
exec bash "$ROOT/scripts/bench/$name.sh" "$@"
