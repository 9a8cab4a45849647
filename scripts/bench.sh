#!/usr/bin/env bash
# Runs one benchmark: ./scripts/bench.sh NAME [--quick]. Each benchmark lives in scripts/bench/NAME.sh and
# ends with one line "NAME: ratio=R ..." (R compares ours with a floor or a peer measured in the same run).
# ./scripts/bench.sh NAME --help tells what NAME measures and which options it takes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
available=$(cd "$ROOT/scripts/bench" 2>/dev/null && ls *.sh 2>/dev/null | sed 's/\.sh$//' | tr '\n' ' ')
case "${1:-}" in
  -h|--help) usage_of "$0"; echo "NAME: ${available:-none yet}"; exit 0 ;;
  -*) echo "bench.sh: unknown option $1" >&2; usage_of "$0" >&2; exit 2 ;;
esac
name="${1:-}"
if [ -z "$name" ] || [ ! -f "$ROOT/scripts/bench/$name.sh" ]; then
  echo "usage: ./scripts/bench.sh NAME [--quick]   (NAME: ${available:-none yet})" >&2
  exit 2
fi
shift
exec bash "$ROOT/scripts/bench/$name.sh" "$@"
