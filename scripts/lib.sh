# Shared helpers for the scripts in this folder. Source it; do not run it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Installs the pinned Node tools (Azurite, the JS Tables SDK) when node_modules is missing or stale.
ensure_node_tools() {
  command -v node >/dev/null || { echo "node is required (Node 20+): install it from your package manager" >&2; return 1; }
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    echo "Installing pinned Node tools (npm ci)..." >&2
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}
