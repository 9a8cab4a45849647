#!/usr/bin/env bash
# Builds the deployable package of the function app (isolated worker, framework-dependent net10.0: the Flex
# Consumption dotnet-isolated runtime provides .NET): host.json, functions.metadata, worker.config.json,
# .azurefunctions/ and the app's assemblies at the root (the dashboard is embedded in HealthFunctions.dll). deploy.sh zips it.
#   scripts/publish.sh OUT_DIR [BUILD_DIR]
# OUT_DIR must be new, empty, or a package this script made before (it is then replaced). BUILD_DIR (default
# OUT_DIR.build) holds bin/obj, so a publish never touches the repository's own build output.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

parse_options "$0" "ARG" "$@"
args=("$@")
if [ "${#args[@]}" -lt 1 ] || [ "${#args[@]}" -gt 2 ]; then
  usage_of "$0" >&2
  exit 2
fi
out="${args[0]}"
build="${args[1]:-$out.build}"
marker=".healthfunctions-package"

if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ] && [ ! -f "$out/$marker" ]; then
  echo "$out exists and is not a package made by this script; give a new or empty folder." >&2
  exit 2
fi
[ -f "$out/$marker" ] && rm -rf "$out"
build_dashboard >&2 # the app embeds the dashboard and Chart.js
dotnet publish "$ROOT/functions/HealthFunctions/HealthFunctions.csproj" -c Release \
  -o "$out" --artifacts-path "$build" --nologo -v q -clp:ErrorsOnly >&2
touch "$out/$marker"
echo "$out"
