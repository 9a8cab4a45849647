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

# Prints a free TCP port on 127.0.0.1.
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Starts a private in-memory Azurite for a benchmark on free ports and waits until its Table endpoint answers.
# Sets AZURITE_PID, BENCH_WORK (a temp dir removed on exit) and BENCH_CS (a connection string for all three
# services); installs an EXIT trap that stops it. Extra arguments go to node (e.g. --max-old-space-size=8192).
start_bench_azurite() {
  local blob_port queue_port table_port
  blob_port=$(free_port) queue_port=$(free_port) table_port=$(free_port)
  BENCH_WORK=$(mktemp -d)
  (cd "$BENCH_WORK" && exec node "$@" "$ROOT/node_modules/azurite/dist/src/azurite.js" --inMemoryPersistence \
    --skipApiVersionCheck --loose --disableProductStyleUrl --silent \
    --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port") >"$BENCH_WORK/azurite.log" 2>&1 &
  AZURITE_PID=$!
  trap 'kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; rm -rf "$BENCH_WORK"' EXIT
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/"$table_port") 2>/dev/null && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "$BENCH_WORK/azurite.log" >&2; return 1; }
    sleep 0.1
  done
  # Azurite's well-known development account key (public, documented), not a secret.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  BENCH_CS="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
}

# Prints the numeric value of "name":number in a one-line JSON object.
json_field() { sed -E "s/.*\"$2\":([0-9.]+).*/\1/" <<<"$1"; }

# Exports the public datasets credit_data and lending_club of the R package modeldata (MIT) as DIR/NAME.csv, installing
# the Debian package r-cran-modeldata first when R lacks it (the calibration benchmark and scripts/backtest-public.sh).
export_modeldata() {
  mkdir -p "$1"
  if ! Rscript -e 'library(modeldata)' >/dev/null 2>&1; then
    echo "Installing the Debian package r-cran-modeldata (R and its data sets)..." >&2
    apt-get install -y -qq --no-install-recommends r-cran-modeldata >&2 \
      || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends r-cran-modeldata >&2; }
  fi
  Rscript -e 'suppressMessages(library(modeldata)); args <- commandArgs(TRUE);
    for (name in c("credit_data", "lending_club")) { e <- new.env(); data(list = name, package = "modeldata", envir = e);
      write.csv(get(name, e), file.path(args[1], paste0(name, ".csv")), row.names = FALSE, na = "") }' "$1" >&2
}
