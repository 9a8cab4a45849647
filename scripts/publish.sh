#!/usr/bin/env bash
# Builds the deployable custom-handler package: the app published self-contained for linux-x64 (no .NET runtime
# assumed on the host) with host.json and one folder per function at the root.
#   scripts/publish.sh OUT_DIR [BUILD_DIR]
# OUT_DIR is emptied first. BUILD_DIR (default OUT_DIR.build) holds bin/obj, so a publish never touches the
# repository's own build output (tests publish while other tests run). deploy.sh zips OUT_DIR; the package-layout
# test (tests/HealthFunctions.Tests/Infra/PackageLayoutTests.cs) checks OUT_DIR.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUT_DIR [BUILD_DIR]" >&2
  exit 2
fi
out="$1"
build="${2:-$1.build}"

rm -rf "$out"
dotnet publish "$ROOT/functions/HealthFunctions/HealthFunctions.csproj" -c Release \
  -r linux-x64 --self-contained true -p:UseAppHost=true \
  -o "$out" --artifacts-path "$build" --nologo -v q -clp:ErrorsOnly >&2
echo "$out"
