# Shared helpers for the scripts in this folder. Source it; do not run it.
#   source "$(dirname "$0")/lib.sh"
# Gives ROOT, log (a line on stderr with an ISO 8601 UTC time), usage_of, parse_options (-h/--help and unknown
# options), ensure_node_tools, export_settings, stop_in_reverse, free_port, start_bench_azurite and json_field.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    -h|--help|"") sed -n '1,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "lib.sh: unknown option $1 (it takes none: source it from a script)" >&2; exit 2 ;;
  esac
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Prints a line on stderr, stamped with the UTC time in ISO 8601 (as the app's logs are): log "Seeding 100 accounts".
log() { printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }

# Prints a script's usage: its header comment (from line 2 to the first line that is not a comment), without "# ".
usage_of() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$1"; }

# Checks a script's arguments before it does anything else: -h/--help prints the usage and exits 0; an option not in
# KNOWN (space-separated; a name ending in "=" takes a value: "--url=") or an argument that is not an option exits 2
# (unless KNOWN holds ARG: then such arguments pass, for the script to check). Call it as:
#   parse_options "$0" "--quick --url= ARG" "$@"
parse_options() {
  local script="$1" known=" $2 " expect_value="" name
  name=$(basename "$script")
  shift 2
  for arg in "$@"; do
    if [ -n "$expect_value" ]; then expect_value=""; continue; fi
    case "$arg" in
      -h|--help) usage_of "$script"; exit 0 ;;
      -*)
        if [[ "$known" == *" $arg "* ]]; then continue; fi
        if [[ "$known" == *" $arg= "* ]]; then expect_value="$arg"; continue; fi
        echo "$name: unknown option $arg" >&2 ;;
      *)
        if [[ "$known" == *" ARG "* ]]; then continue; fi
        echo "$name: unexpected argument $arg" >&2 ;;
    esac
    usage_of "$script" >&2
    exit 2
  done
  if [ -n "$expect_value" ]; then
    echo "$name: option $expect_value needs a value" >&2
    exit 2
  fi
}

# Installs the pinned Node tools (Azurite, Chart.js for the dashboard) when node_modules is missing or stale.
ensure_node_tools() {
  command -v node >/dev/null || { echo "node is required (Node 22+ as Azurite declares; Node 20 works): install it from your package manager" >&2; return 1; }
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "Installing pinned Node tools (npm ci)..."
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

# Exports the "Values" of a local.settings JSON file as the Functions host does (each non-empty value becomes an
# environment variable), except those already set: as with `func start`, a variable set before the script wins.
#   export_settings local.settings.sample.json
export_settings() {
  eval "$(node -e '
    const v = require(require("path").resolve(process.argv[1])).Values || {};
    for (const [k, x] of Object.entries(v)) if (x !== "" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
      console.log(`[ -n "\${${k}+set}" ] || export ${k}=${JSON.stringify(String(x)).replace(/\$/g, "\\$").replace(/`/g, "\\`")}`);' "$1")"
}

# Stops the processes given, last first, each one waited for before the next is signalled (the app before the Azurite
# it writes to, so it does not spend its shutdown retrying against a stopped emulator).
#   stop_in_reverse "$azurite_pid" "$app_pid"
stop_in_reverse() {
  local i pid
  for ((i = $#; i >= 1; i--)); do
    pid="${!i}"
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
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

# The app as a local process for a benchmark: the one place that names it (the project whose Release build is run).
BENCH_APP_PROJECT="$ROOT/functions/HealthFunctions.Local/HealthFunctions.Local.csproj"

# Starts the app (already built in Release) on a free port against the benchmark's Azurite (start_bench_azurite first)
# with storage prefix $1 and its timers parked (a schedule that fires once a year), and waits until it answers.
# Sets APP_PID and APP_PORT; the EXIT trap stops it, then Azurite.
start_bench_app() {
  local app
  app="$(dirname "$BENCH_APP_PROJECT")/bin/Release/net10.0/$(basename "$BENCH_APP_PROJECT" .csproj).dll"
  APP_PORT=$(free_port)
  HealthStorage="$BENCH_CS" HealthFunctions__StoragePrefix="$1" \
    RescoreSchedule="0 0 0 1 1 *" DirtyRescoreSchedule="0 0 0 1 1 *" DispatchSchedule="0 0 0 1 1 *" AlertsSchedule="0 0 0 1 1 *" JobsSchedule="0 0 0 1 1 *" CleanupSchedule="0 0 0 1 1 *" Logging__LogLevel__Default=Warning \
    dotnet "$app" --urls "http://127.0.0.1:$APP_PORT" >"$BENCH_WORK/app.log" 2>&1 &
  APP_PID=$!
  trap 'kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; rm -rf "$BENCH_WORK"' EXIT
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$APP_PORT/api/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "$BENCH_WORK/app.log" >&2; return 1; }
    sleep 0.1
  done
  echo "the app did not answer; see $BENCH_WORK/app.log" >&2
  return 1
}

# For the benchmarks that load the dashboard in a browser (dashboard, tasks): checks Chromium, builds bench/PipelineBench,
# bench/DashboardBench and the app (Release), sets PIPELINE and DASHBOARD (their DLLs), starts the benchmark's Azurite,
# and seeds $1 accounts under prefix $2 with $3 days of 10 metrics, rescored once as of $4.
start_browser_bench() {
  build_dashboard
  [ -x /usr/bin/chromium ] || { echo "Debian's Chromium is required: apt-get install -y chromium" >&2; exit 1; }
  log "Building bench/PipelineBench, bench/DashboardBench and the app (Release)..."
  dotnet build "$ROOT/bench/PipelineBench" -c Release -v q -clp:ErrorsOnly -nologo >&2
  dotnet build "$ROOT/bench/DashboardBench" -c Release -v q -clp:ErrorsOnly -nologo >&2
  dotnet build "$BENCH_APP_PROJECT" -c Release -v q -clp:ErrorsOnly -nologo >&2
  PIPELINE="$ROOT/bench/PipelineBench/bin/Release/net10.0/PipelineBench.dll"
  DASHBOARD="$ROOT/bench/DashboardBench/bin/Release/net10.0/DashboardBench.dll"
  start_bench_azurite --max-old-space-size=4096
  log "seeding $1 accounts x $3 days x 10 metrics and rescoring them (as of $4)..."
  bench_run "$PIPELINE" seed "$BENCH_CS" "$2" "$1" "$3" "$4" >/dev/null
  bench_run "$PIPELINE" rescore "$BENCH_CS" "$2" "$4" 4 >/dev/null
}

# Runs a .NET benchmark tool; its JSON line goes to stdout and, indented, to stderr (the progress).
bench_run() { local line; line=$(dotnet "$@"); echo "  $line" >&2; echo "$line"; }

# Prints the numeric value of "name":number in a one-line JSON object.
json_field() { sed -E "s/.*\"$2\":([0-9.]+).*/\1/" <<<"$1"; }

# Makes what the dashboard needs before the app is built (the app embeds it, see functions/HealthFunctions/
# HealthFunctions.csproj): Chart.js, its date adapter and date-fns from the pinned npm packages (and axe-core, which the
# browser tests inject) (npm ci when node_modules is missing or stale), and a
# syntax check of the dashboard's ES modules, so a typo fails the build instead of the page. Nothing runs at run time.
build_dashboard() {
  ensure_node_tools || return 1
  local f
  for f in chart.js/dist/chart.umd.min.js date-fns/cdn.min.js chartjs-adapter-date-fns/dist/chartjs-adapter-date-fns.min.js axe-core/axe.min.js; do
    [ -f "$ROOT/node_modules/$f" ] || { echo "node_modules/$f is missing after npm ci; is its package still in package.json?" >&2; return 1; }
  done
  for f in "$ROOT"/functions/HealthFunctions/Dashboard/wwwroot/js/*.js; do
    node --input-type=module --check <"$f" 2>/dev/null || { echo "dashboard: syntax error in $f" >&2; node --input-type=module --check <"$f"; return 1; }
  done
}

# Exports the public datasets credit_data and lending_club of the R package modeldata (MIT) as DIR/NAME.csv, installing
# the Debian package r-cran-modeldata first when R lacks it (the calibration benchmark and scripts/backtest-public.sh).
export_modeldata() {
  mkdir -p "$1"
  if ! Rscript -e 'library(modeldata)' >/dev/null 2>&1; then
    log "Installing the Debian package r-cran-modeldata (R and its data sets)..."
    apt-get install -y -qq --no-install-recommends r-cran-modeldata >&2 \
      || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends r-cran-modeldata >&2; }
  fi
  Rscript -e 'suppressMessages(library(modeldata)); args <- commandArgs(TRUE);
    for (name in c("credit_data", "lending_club")) { e <- new.env(); data(list = name, package = "modeldata", envir = e);
      write.csv(get(name, e), file.path(args[1], paste0(name, ".csv")), row.names = FALSE, na = "") }' "$1" >&2
}
