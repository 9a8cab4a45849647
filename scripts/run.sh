#!/usr/bin/env bash
# Runs the pipeline locally: Azurite (installed from npm if missing) and the function app in the local runner on
# http://127.0.0.1:7071 (no Functions host: HTTP functions on their routes, timers on their schedules, score changes
# on the local bus of Azurite queues).
#   ./scripts/run.sh          start and wait; Ctrl-C stops everything this script started
#   ./scripts/run.sh --demo   also simulate a few hundred accounts over 90 days, rescore, print portfolio and tasks;
#                             the demo's data go under a storage prefix of their own, new each run, so every demo starts
#                             empty and gives the same portfolio and tasks (also written to .bench/demo-result.json)
# Settings come from local.settings.json if present, else local.settings.sample.json ("Values", as the Functions host reads
# them); an environment variable already set wins over the file, as with `func start`. With --demo, Slack and Teams alerts
# go to a local fake receiver that prints them (scripts/alert-receiver.mjs; kept in .bench/alerts/).
# HF_PORT sets the app's port (default 7071). Azurite data stay in .azurite/ (delete it yourself for a clean start).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
parse_options "$0" "--demo" "$@"
cd "$ROOT"
demo=false
[ "$#" -gt 0 ] && demo=true

build_dashboard
port="${HF_PORT:-7071}"
pids=()
# The app first, then Azurite: the app's timers would otherwise retry against a stopped emulator while it shuts down.
cleanup() { stop_in_reverse "${pids[@]:-}"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
detach=""
command -v setsid >/dev/null && detach=setsid

if listening 10002; then
  log "Using the Azurite already listening on 10000-10002."
else
  mkdir -p .azurite
  log "Starting Azurite (data in .azurite/, log in .azurite/azurite.log)..."
  # In a session of its own, so Ctrl-C in the terminal does not stop it under the app: cleanup stops it after the app.
  $detach node node_modules/azurite/dist/src/azurite.js --location .azurite --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do listening 10002 && listening 10001 && break; sleep 0.2; done
  listening 10002 || { echo "Azurite did not start; see .azurite/azurite.log" >&2; exit 1; }
fi

settings=local.settings.json
[ -f "$settings" ] || settings=local.settings.sample.json
# Every non-empty value becomes an environment variable, as the Functions host does with "Values"; a variable already
# set wins, as with `func start` (HealthFunctions__StoragePrefix=mine ./scripts/run.sh).
export_settings "$ROOT/$settings"
if $demo; then
  # A prefix of its own for each demo (lowercase letters and digits, at most 16): the demo never meets earlier data.
  export HealthFunctions__StoragePrefix="demo$(date -u +%y%m%d%H%M%S)"
  # Slack and Teams alerts go to a local fake receiver (scripts/alert-receiver.mjs), which prints each one and keeps it
  # in .bench/alerts/; webhook URLs set before the script win, as every setting does.
  alert_port=$(free_port)
  rm -rf .bench/alerts
  $detach node scripts/alert-receiver.mjs "$alert_port" .bench/alerts &
  pids+=($!)
  [ -n "${HealthFunctions__Alerts__SlackWebhookUrl:-}" ] || export HealthFunctions__Alerts__SlackWebhookUrl="http://127.0.0.1:$alert_port/slack"
  [ -n "${HealthFunctions__Alerts__TeamsWebhookUrl:-}" ] || export HealthFunctions__Alerts__TeamsWebhookUrl="http://127.0.0.1:$alert_port/teams"
fi
export HealthFunctions__Alerts__DashboardUrl="${HealthFunctions__Alerts__DashboardUrl:-http://127.0.0.1:$port/api/dashboard/}"

if listening "$port"; then
  echo "Port $port is in use; set HF_PORT to another port." >&2
  exit 1
fi
log "Building the app..."
dotnet build functions/HealthFunctions.Local -c Release --nologo -v q -clp:ErrorsOnly
dotnet functions/HealthFunctions.Local/bin/Release/net10.0/HealthFunctions.Local.dll --urls "http://127.0.0.1:$port" &
pids+=($!)
for _ in $(seq 1 150); do
  curl -fsS "http://127.0.0.1:$port/api/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "The app exited; see the output above." >&2; exit 1; }
  sleep 0.2
done

base="http://127.0.0.1:$port/api"
cat <<TXT

HealthFunctions is running in the local runner (settings from $settings, storage prefix ${HealthFunctions__StoragePrefix:-hf}).
  Dashboard  http://127.0.0.1:$port/api/dashboard/    (open it in a browser: portfolio, accounts, tasks, model)
  API        $base    (healthz, signals, accounts/{id}, accounts/{id}/health[/history], portfolio, tasks, ops/rescore, ops/dispatch)
  Azurite    blob 127.0.0.1:10000  queue 127.0.0.1:10001  table 127.0.0.1:10002

Try:
  curl -s -X PUT $base/accounts/acme -H 'content-type: application/json' -d '{"name":"Acme","segment":"MidMarket","owner":"dana"}'
  curl -s -X POST $base/signals -H 'content-type: application/json' -d '[{"accountId":"acme","metric":"nps","value":9},{"accountId":"acme","metric":"active_users_pct","value":82}]'
  curl -s -X POST $base/ops/rescore
  curl -s $base/accounts/acme/health

TXT

if $demo; then
  node scripts/demo.mjs "$base"
  echo
  log "Demo done; the app keeps running. Open the dashboard: http://127.0.0.1:$port/api/dashboard/  (Ctrl-C stops it.)"
fi
echo "Ctrl-C stops everything this script started."
wait "${pids[-1]}"
