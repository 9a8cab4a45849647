#!/usr/bin/env bash
# Puts HealthFunctions in your Azure subscription: creates the resource group if needed, deploys infra/main.bicep
# with infra/main.<env>.bicepparam, seeds missing webhook secrets in Key Vault with random placeholders, configures
# sign-in on the app registration (redirect URI, federated credential, the app roles of infra/app-roles.json, and
# assignment required on its enterprise application), then publishes the app (the .NET isolated worker's publish folder, from scripts/publish.sh), zips it and deploys the zip
# to the Flex Consumption app. Prints no secret values. See docs/deploy.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
usage: $0 -g RESOURCE_GROUP [-l LOCATION] [-e ENVIRONMENT] [--what-if] [--skip-infra] [--skip-code]

  -g, --resource-group  resource group to deploy into (created when missing; then -l is required)
  -l, --location        Azure region for a new resource group; it must offer Flex Consumption
                        (az functionapp list-flexconsumption-locations)
  -e, --environment     parameter file infra/main.ENVIRONMENT.bicepparam (default: dev)
      --what-if         show what the infrastructure deployment would change, and stop
      --skip-infra      deploy code only (the infrastructure deployment must exist)
      --skip-code       deploy infrastructure and secrets only

Environment: HF_OPERATOR_PRINCIPAL_ID / HF_OPERATOR_PRINCIPAL_TYPE (User|Group|ServicePrincipal) override who is
granted Key Vault Secrets Officer (default: the signed-in user). HF_KEYVAULT_ALLOWED_IPS (comma-separated CIDRs, e.g.
203.0.113.7/32) keeps those public addresses able to reach Key Vault when the parameter file turns public network
access off (prod), so this script can seed secrets from outside the virtual network.
HF_AUTH_CLIENT_ID (required): the application (client) id of the Entra ID app registration that signs users in to the
dashboard and the API (docs/deploy.md, "Who can sign in"); this script adds the app's sign-in redirect URI, the
federated credential (the app's auth identity, instead of a client secret) and the app roles reader, csm and admin to it,
and sets "assignment required" on its enterprise application, so you need to own that registration.
USAGE
}

group="" location="" environment="dev" what_if=0 skip_infra=0 skip_code=0
while [ $# -gt 0 ]; do
  case "$1" in
    -g|--resource-group) group="${2:?missing value for $1}"; shift 2 ;;
    -l|--location) location="${2:?missing value for $1}"; shift 2 ;;
    -e|--environment) environment="${2:?missing value for $1}"; shift 2 ;;
    --what-if) what_if=1; shift ;;
    --skip-infra) skip_infra=1; shift ;;
    --skip-code) skip_code=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -n "$group" ] || { usage >&2; exit 2; }
# What this script creates and removes again (a secret's temp file, the zip's folder); nothing else is deleted.
cleanup_paths=()
trap 'rm -rf "${cleanup_paths[@]}"' EXIT
params="$ROOT/infra/main.$environment.bicepparam"
[ -f "$params" ] || { echo "no parameter file $params" >&2; exit 2; }
deployment="healthfunctions-$environment"
[ -n "${HF_AUTH_CLIENT_ID:-}" ] || { echo "Set HF_AUTH_CLIENT_ID to the client id of the Entra ID app registration that signs users in (docs/deploy.md, \"Who can sign in\")." >&2; exit 2; }

command -v az >/dev/null || { echo "Azure CLI (az) 2.60 or later is required: https://learn.microsoft.com/cli/azure/install-azure-cli" >&2; exit 1; }
az account show --output none 2>/dev/null || { echo "Not logged in to Azure: run 'az login' (and 'az account set -s <subscription>')." >&2; exit 1; }
echo "Subscription: $(az account show --query name -o tsv)" >&2

output() { az deployment group show -g "$group" -n "$deployment" --query "properties.outputs.$1.value" -o tsv; }

operator_principal() {
  if [ -n "${HF_OPERATOR_PRINCIPAL_ID:-}" ]; then
    echo "$HF_OPERATOR_PRINCIPAL_ID ${HF_OPERATOR_PRINCIPAL_TYPE:-User}"
  elif id=$(az ad signed-in-user show --query id -o tsv 2>/dev/null) && [ -n "$id" ]; then
    echo "$id User"
  elif id=$(az ad sp show --id "$(az account show --query user.name -o tsv)" --query id -o tsv 2>/dev/null) && [ -n "$id" ]; then
    echo "$id ServicePrincipal"
  fi
}

deploy_infra() {
  if [ "$(az group exists -n "$group")" != "true" ]; then
    [ -n "$location" ] || { echo "Resource group $group does not exist: pass -l LOCATION to create it." >&2; exit 2; }
    az group create -n "$group" -l "$location" --tags workload=healthfunctions "environment=$environment" --output none
    log "Created resource group $group in $location."
  fi

  local principal type
  read -r principal type <<<"$(operator_principal || true)"
  [ -n "${principal:-}" ] || echo "Could not find your principal id; nobody is granted Key Vault Secrets Officer (set HF_OPERATOR_PRINCIPAL_ID)." >&2
  local args=(-g "$group" -n "$deployment" --parameters "$params"
    --parameters "operatorPrincipalId=${principal:-}" "operatorPrincipalType=${type:-User}")
  if [ -n "${HF_KEYVAULT_ALLOWED_IPS:-}" ]; then
    local ranges
    ranges=$(printf '%s' "$HF_KEYVAULT_ALLOWED_IPS" | tr -d ' ' | sed 's/[^,][^,]*/"&"/g')
    args+=(--parameters "keyVaultAllowedIpRanges=[$ranges]")
  fi

  if [ "$what_if" -eq 1 ]; then
    az deployment group what-if "${args[@]}"
    exit 0
  fi
  log "Deploying infrastructure ($deployment)..."
  az deployment group create "${args[@]}" --output none
}

# Creates every referenced secret that does not exist yet with a random placeholder (tag placeholder=true), so a
# Key Vault reference never resolves to nothing. Values go through a private temp file, never argv or the terminal.
seed_secrets() {
  local vault name attempt
  vault=$(output keyVaultName)
  secret_file=$(mktemp)
  cleanup_paths+=("$secret_file")
  chmod 600 "$secret_file"
  for name in $(output webhookSecretNames); do
    if az keyvault secret show --vault-name "$vault" -n "$name" --query id -o tsv >/dev/null 2>&1; then
      continue
    fi
    head -c 32 /dev/urandom | base64 | tr -d '\n' >"$secret_file"
    # A new Key Vault Secrets Officer assignment can take a few minutes to apply.
    for attempt in 1 2 3 4 5 6; do
      if az keyvault secret set --vault-name "$vault" -n "$name" --file "$secret_file" --encoding utf-8 \
          --tags placeholder=true --output none 2>/dev/null; then
        log "Seeded $name with a placeholder; set the real value (docs/deploy.md)."
        break
      fi
      [ "$attempt" -lt 6 ] || { echo "Could not write $name to $vault: do you hold Key Vault Secrets Officer on it, and can you reach it (with public network access off: from inside its virtual network, or with HF_KEYVAULT_ALLOWED_IPS)?" >&2; exit 1; }
      sleep 20
    done
  done
}

# App Service authentication signs users in with the app registration HF_AUTH_CLIENT_ID: it needs the app's callback
# as a redirect URI, ID tokens, and (instead of a client secret) a federated credential trusting the app's auth identity.
configure_sign_in() {
  local host callback principal tenant uris
  host=$(az functionapp show -g "$group" -n "$(output functionAppName)" --query defaultHostName -o tsv)
  callback="https://$host/.auth/login/aad/callback"
  principal=$(output authIdentityPrincipalId)
  tenant=$(az account show --query tenantId -o tsv)
  uris=$(az ad app show --id "$HF_AUTH_CLIENT_ID" --query "web.redirectUris" -o tsv | tr '\t\n' '  ')
  case " $uris " in
    *" $callback "*) ;;
    *) # shellcheck disable=SC2086 # the existing URIs are separate arguments
       az ad app update --id "$HF_AUTH_CLIENT_ID" --web-redirect-uris $uris "$callback" --enable-id-token-issuance true --output none ;;
  esac
  if ! az ad app federated-credential list --id "$HF_AUTH_CLIENT_ID" --query "[].subject" -o tsv | grep -qx "$principal"; then
    az ad app federated-credential create --id "$HF_AUTH_CLIENT_ID" --output none --parameters \
      "{\"name\":\"healthfunctions-$environment-easy-auth\",\"issuer\":\"https://login.microsoftonline.com/$tenant/v2.0\",\"subject\":\"$principal\",\"audiences\":[\"api://AzureADTokenExchange\"]}"
  fi
  echo "Sign-in: $HF_AUTH_CLIENT_ID redirects to $callback and trusts the auth identity $principal." >&2
}

# --- Access (issue #19): the app roles the app checks, and only assigned principals may sign in ------------------------
# Bicep cannot create or change Entra ID app registrations here (that needs the Microsoft Graph Bicep extension, fetched
# from a registry at build time, and Graph permissions for the deployment), so this step uses az. `--app-roles` replaces
# the registration's roles with infra/app-roles.json, whose role ids are fixed: running it again changes nothing.
configure_app_roles() {
  local sp
  az ad app update --id "$HF_AUTH_CLIENT_ID" --app-roles "@$ROOT/infra/app-roles.json" --output none
  sp=$(az ad sp show --id "$HF_AUTH_CLIENT_ID" --query id -o tsv 2>/dev/null || true)
  [ -n "$sp" ] || sp=$(az ad sp create --id "$HF_AUTH_CLIENT_ID" --query id -o tsv)
  az ad sp update --id "$sp" --set appRoleAssignmentRequired=true --output none
  [ "$(az ad sp show --id "$sp" --query appRoleAssignmentRequired -o tsv)" = "true" ] \
    || { echo "Could not set 'assignment required' on the enterprise application of $HF_AUTH_CLIENT_ID." >&2; exit 1; }
  echo "App roles reader, csm and admin are on $HF_AUTH_CLIENT_ID, and only principals assigned one can sign in; assign people and groups (docs/deploy.md)." >&2
}
# --- end access ------------------------------------------------------------------------------------------------------

deploy_code() {
  local app package zip attempt work
  app=$(output functionAppName)
  package="$ROOT/artifacts/package"
  log "Publishing the app (scripts/publish.sh)..."
  "$ROOT/scripts/publish.sh" "$package" "$ROOT/artifacts/build" >/dev/null
  work=$(mktemp -d "$ROOT/artifacts/deploy.XXXXXX")
  cleanup_paths+=("$work")
  zip="$work/healthfunctions.zip"
  # Flex Consumption deploys a zip of the publish folder: host.json, functions.metadata and the worker at its root.
  (cd "$package" && zip -qr -X "$zip" .)
  log "Deploying $(du -h "$zip" | cut -f1) to $app..."
  # Basic publishing credentials are off: the CLI authenticates with your Entra ID token. On a new app the identity's
  # role on the deployment container may still be propagating: retry.
  for attempt in 1 2 3 4; do
    if az functionapp deployment source config-zip -g "$group" -n "$app" --src "$zip" --output none; then
      break
    fi
    [ "$attempt" -lt 4 ] || { echo "Deployment of the package failed." >&2; exit 1; }
    log "Retrying in 30 s..."
    sleep 30
  done
}

[ "$skip_infra" -eq 1 ] || { deploy_infra; seed_secrets; configure_sign_in; configure_app_roles; }
[ "$skip_code" -eq 1 ] || deploy_code

cat >&2 <<DONE

Done.
  Dashboard:          $(output dashboardUrl)   (sign in with Entra ID; who may: docs/deploy.md)
  Function base URL:  $(output functionBaseUrl)
  Score-changes topic: $(output scoreChangesTopic) on $(output serviceBusNamespace)
  Key Vault:          $(output keyVaultName)
Try: curl $(output functionBaseUrl)/healthz
Admin key (ops endpoints, model activation): az functionapp keys list -g $group -n $(output functionAppName)
DONE
