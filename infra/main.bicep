// HealthFunctions in one resource group: identity, monitoring, host and data storage, Service Bus, Key Vault, the
// Flex Consumption function app (.NET isolated worker) and, with public network access off, the virtual network and
// private endpoints. Deploy with scripts/deploy.sh; docs/deploy.md explains every choice.
targetScope = 'resourceGroup'

import { roleIds } from 'modules/roles.bicep'
import { tagSet } from 'modules/shared.bicep'

@description('Environment name (dev, test, prod): part of every resource name and the unique suffix.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Short workload abbreviation used in resource names (lower-case letters).')
@minLength(2)
@maxLength(6)
param workload string = 'hf'

@description('Azure region; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Tags added to every resource.')
param tags tagSet = {}

@description('Prefix of the app\'s table and container names (HealthFunctions__StoragePrefix).')
@minLength(1)
@maxLength(16)
param storagePrefix string = 'hf'

@description('Daily full rescore, 6-field NCRONTAB in UTC (RescoreSchedule).')
param rescoreSchedule string = '0 0 2 * * *'

@description('Rescoring of accounts with new signals (DirtyRescoreSchedule).')
param dirtyRescoreSchedule string = '0 */1 * * * *'

@description('DispatchPlaybooks drains the playbooks subscription on this schedule (DispatchSchedule).')
param dispatchSchedule string = '*/30 * * * * *'

@description('Seconds one DispatchPlaybooks run may drain before leaving the rest to the next (HealthFunctions__DispatchBudgetSeconds).')
@minValue(1)
@maxValue(600)
param dispatchBudgetSeconds int = 25

@description('SendAlerts drains the alerts subscription into Slack and Teams messages on this schedule (AlertsSchedule).')
param alertsSchedule string = '*/30 * * * * *'

@description('Alerts only for accounts now in these tiers, comma-separated (HealthFunctions__Alerts__Tiers); empty for any.')
param alertTiers string = ''

@description('Alerts only for accounts in these segments, comma-separated (HealthFunctions__Alerts__Segments); empty for any.')
param alertSegments string = ''

@description('Alerts only for accounts with at least this ARR (HealthFunctions__Alerts__MinArr); 0 for any.')
@minValue(0)
param alertMinArr int = 0

@description('What alerts: tier-drop, sharp-decline, new-task, comma-separated (HealthFunctions__Alerts__Triggers).')
param alertTriggers string = 'tier-drop,sharp-decline,new-task'

@description('Attempts per alert and destination in one run (HealthFunctions__Alerts__Attempts); then the message waits for the next run.')
@minValue(1)
@maxValue(10)
param alertAttempts int = 3

@description('First backoff between attempts, doubled each time (HealthFunctions__Alerts__RetryDelayMilliseconds).')
@minValue(0)
@maxValue(60000)
param alertRetryDelayMilliseconds int = 1000

@description('RunJobs runs queued backtest and calibration jobs on this schedule (JobsSchedule).')
param jobsSchedule string = '*/10 * * * * *'

@description('Minutes a backtest or calibration job may run before it is stopped (HealthFunctions__JobTimeoutMinutes); under the 30-minute functionTimeout of host.json.')
@minValue(1)
@maxValue(25)
param jobTimeoutMinutes int = 20

@description('Jobs of one kind that may be queued at once (HealthFunctions__MaxQueuedJobsPerKind); one more is answered 429 with Retry-After.')
@minValue(1)
@maxValue(1000)
param maxQueuedJobsPerKind int = 10

@description('Days of signal history kept for backtests and calibration (HealthFunctions__SignalRetentionDays); see docs/calibration.md for what it costs.')
@minValue(180)
@maxValue(3660)
param signalRetentionDays int = 730

@description('Shard groups scored at once (HealthFunctions__RescoreParallelism, 1-64).')
@minValue(1)
@maxValue(64)
param rescoreParallelism int = 4

@description('Deliveries before a message is dead-lettered; also HealthFunctions__MaxDeliveryCount, so local mode and Azure agree.')
@minValue(1)
@maxValue(100)
param maxDeliveryCount int = 10

@description('Service Bus duplicate detection window; covers a same-day rerun of the daily rescore.')
param duplicateDetectionWindow string = 'P1D'

@description('Seconds a signed webhook\'s timestamp may be off (HealthFunctions__WebhookToleranceSeconds).')
param webhookToleranceSeconds int = 300

@description('Optional scoring model file inside the package (HealthFunctions__ModelPath); empty for the shipped model.')
param modelPath string = ''

@description('Optional URL receiving every playbook task (HealthFunctions__TaskWebhookUrl); empty for none.')
param taskWebhookUrl string = ''

@description('Optional webhook mapping file inside the package (HealthFunctions__WebhookMappingsPath); empty for the shipped mappings.')
param webhookMappingsPath string = ''

@description('Flex Consumption scale-out limit (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps data.')
param logRetentionInDays int = 30

@description('Principal id granted Key Vault Secrets Officer to seed and rotate webhook secrets (deploy.sh passes the signed-in user); empty for none.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('Key Vault purge protection (irreversible once on; only a throwaway environment should turn it off).')
param enablePurgeProtection bool = true

@description('Days deleted blobs and containers of the data account (webhook archive, models) are kept; at least 1.')
@minValue(1)
@maxValue(365)
param dataSoftDeleteRetentionDays int = 14

// --- Retention and jobs (issue #19) ---------------------------------------------------------------------------------
@description('CleanUp removes table rows past their retention on this schedule (CleanupSchedule), daily.')
param cleanupSchedule string = '0 30 3 * * *'

@description('Days a finished job\'s row (HealthFunctions__JobRetentionDays) and its blobs (lifecycle rule) are kept.')
@minValue(1)
@maxValue(3660)
param jobRetentionDays int = 90

@description('Days a parked or partial webhook delivery stays listed and replayable (HealthFunctions__ParkedRetentionDays); at most webhookArchiveRetentionDays, since a replay reads the archived body.')
@minValue(1)
@maxValue(3660)
param parkedRetentionDays int = 180

@description('Days an audit entry is kept (HealthFunctions__AuditRetentionDays).')
@minValue(30)
@maxValue(3660)
param auditRetentionDays int = 730

@description('Days an archived webhook body is kept (lifecycle rule); at least the 180-day window a replay of archived days reaches.')
@minValue(180)
@maxValue(3660)
param webhookArchiveRetentionDays int = 400

@description('Days after which an archived webhook body moves to the cool tier (0: never); at least 30 days before its deletion, the cool tier\'s minimum.')
@minValue(0)
@maxValue(3630)
param webhookArchiveCoolAfterDays int = 30
// --- end retention and jobs ------------------------------------------------------------------------------------------

@description('Application (client) id of the Entra ID app registration that signs users in to the dashboard and the API (App Service authentication); see docs/deploy.md.')
@minLength(36)
@maxLength(36)
param authClientId string

@description('Tenant of the app registration (default: the deployment\'s tenant); only its tokens are accepted.')
param authTenantId string = tenant().tenantId

@description('Client ids of other applications (scripts, integrations) allowed to call the API with their own Entra ID tokens.')
param authAllowedApplications string[] = []

@description('\'Disabled\': storage and Key Vault get no public endpoint; the app reaches them through private endpoints in a virtual network it is integrated with.')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Enabled'

@description('With publicNetworkAccess \'Disabled\': public IP ranges (CIDR) still allowed to reach Key Vault, e.g. the operator who seeds secrets.')
param keyVaultAllowedIpRanges string[] = []

@description('With publicNetworkAccess \'Disabled\': address space of the virtual network created for the app.')
param vnetAddressPrefix string = '10.60.0.0/16'

@description('With publicNetworkAccess \'Disabled\': subnet the function app integrates with (inside vnetAddressPrefix).')
param appSubnetPrefix string = '10.60.0.0/24'

@description('With publicNetworkAccess \'Disabled\': subnet for the private endpoints (inside vnetAddressPrefix).')
param privateEndpointSubnetPrefix string = '10.60.1.0/24'

// Names the app's code also knows: PipelineOptions defaults, LocalTopicSender.DownstreamSubscription,
// SubscriptionFilters.PlaybooksSql and .AlertsSql, and TableNames. tests/HealthFunctions.Tests/Infra keeps them in step.
var scoreChangesTopic = 'score-changes'
var playbooksSubscription = 'playbooks'
var downstreamSubscription = 'downstream'
var playbooksFilter = '''kind IN ('tier-drop', 'sharp-decline', 'tier-rise', 'recovered', 'tier-dwell')'''
var alertsSubscription = 'alerts'
var alertsFilter = '''kind IN ('tier-drop', 'sharp-decline', 'tier-rise', 'recovered', 'tier-dwell')'''
var tableSuffixes = ['accounts', 'history', 'tasks', 'outcomes', 'webhooks', 'webhookparked', 'jobs', 'audit', 'cleanup', 'alerts']
// Scoring model versions, raw webhook bodies (audit and replay), and backtest and calibration jobs' draft models and results.
var containerSuffixes = ['models', 'webhooks', 'jobs']
var deploymentContainer = 'app-package'

// Storage and Key Vault names allow no upper case; the suffix keeps global names unique per group and environment.
var env = toLower(environmentName)
var abbr = toLower(workload)
var suffix = uniqueString(subscription().id, resourceGroup().id, env)
var allTags = union(tags, { workload: 'healthfunctions', environment: env })
var names = {
  identity: 'id-${abbr}-${env}-${suffix}'
  authIdentity: 'id-${abbr}-${env}-auth-${suffix}'
  vnet: 'vnet-${abbr}-${env}-${suffix}'
  logAnalytics: 'log-${abbr}-${env}-${suffix}'
  appInsights: 'appi-${abbr}-${env}-${suffix}'
  hostStorage: take('st${abbr}h${suffix}', 24)
  dataStorage: take('st${abbr}d${suffix}', 24)
  serviceBus: 'sb-${abbr}-${env}-${suffix}'
  keyVault: take('kv-${abbr}-${suffix}', 24)
  plan: 'plan-${abbr}-${env}-${suffix}'
  functionApp: 'func-${abbr}-${env}-${suffix}'
}

var isPrivate = publicNetworkAccess == 'Disabled'

// The app's only credential. User-assigned (not system-assigned) so that role assignments, Key Vault references and
// the deployment container can name it before the function app exists.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: allTags
}

// The identity the app registration trusts instead of a client secret (App Service authentication only): apart from the
// app's own, so trusting it grants nothing on the data.
resource authIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.authIdentity
  location: location
  tags: allTags
}

module network 'modules/network.bicep' = if (isPrivate) {
  name: 'network'
  params: {
    name: names.vnet
    location: location
    tags: allTags
    addressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
    privateEndpointSubnetPrefix: privateEndpointSubnetPrefix
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
  }
}

// The Functions host's storage: timer leases, host keys, and the deployment package. The host needs
// Storage Blob Data Owner on it; our triggers (HTTP and timer) need no host queues or tables, so with public
// access off only its blob endpoint gets a private endpoint.
module hostStorage 'modules/storage.bicep' = {
  name: 'host-storage'
  params: {
    name: names.hostStorage
    location: location
    tags: allTags
    containers: [deploymentContainer]
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    appRoleIds: [roleIds.storageBlobDataOwner]
    publicNetworkAccess: publicNetworkAccess
    privateEndpoints: isPrivate
      ? [{ service: 'blob', subnetId: network!.outputs.privateEndpointSubnetId, dnsZoneId: network!.outputs.dnsZoneIds.blob }]
      : []
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
}

// The app's data, apart from the host's: the app gets data-plane Contributor on tables and blobs here, no queues
// (queues serve only local mode's stand-in for Service Bus). Soft delete keeps deleted webhook archive blobs (and
// model versions, and whole containers) recoverable for dataSoftDeleteRetentionDays.
module dataStorage 'modules/storage.bicep' = {
  name: 'data-storage'
  params: {
    name: names.dataStorage
    location: location
    tags: allTags
    tables: [for t in tableSuffixes: '${storagePrefix}${t}']
    containers: [for c in containerSuffixes: '${storagePrefix}-${c}']
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    appRoleIds: [roleIds.storageTableDataContributor, roleIds.storageBlobDataContributor]
    softDeleteRetentionDays: dataSoftDeleteRetentionDays
    // Retention (issue #19): raw webhook bodies cool after a month and go after webhookArchiveRetentionDays; a job's draft
    // model, result and report go with its row (jobRetentionDays).
    lifecycleRules: [
      { name: 'webhook-archive', container: '${storagePrefix}-webhooks', coolAfterDays: webhookArchiveCoolAfterDays, deleteAfterDays: webhookArchiveRetentionDays }
      { name: 'job-files', container: '${storagePrefix}-jobs', coolAfterDays: 0, deleteAfterDays: jobRetentionDays }
    ]
    publicNetworkAccess: publicNetworkAccess
    privateEndpoints: isPrivate
      ? [
          { service: 'blob', subnetId: network!.outputs.privateEndpointSubnetId, dnsZoneId: network!.outputs.dnsZoneIds.blob }
          { service: 'table', subnetId: network!.outputs.privateEndpointSubnetId, dnsZoneId: network!.outputs.dnsZoneIds.table }
        ]
      : []
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
}

// Service Bus stays on its public endpoint: private endpoints and network rules need the Premium tier. Local (SAS)
// auth is off, so only Entra ID principals with a data role reach it.
module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  params: {
    name: names.serviceBus
    location: location
    tags: allTags
    topicName: scoreChangesTopic
    playbooksSubscriptionName: playbooksSubscription
    playbooksFilter: playbooksFilter
    alertsSubscriptionName: alertsSubscription
    alertsFilter: alertsFilter
    downstreamSubscriptionName: downstreamSubscription
    maxDeliveryCount: maxDeliveryCount
    duplicateDetectionWindow: duplicateDetectionWindow
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
    enablePurgeProtection: enablePurgeProtection
    publicNetworkAccess: publicNetworkAccess
    allowedIpRanges: keyVaultAllowedIpRanges
    privateEndpointSubnetId: isPrivate ? network!.outputs.privateEndpointSubnetId : ''
    privateEndpointDnsZoneId: isPrivate ? network!.outputs.dnsZoneIds.vault : ''
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    identityId: identity.id
    identityClientId: identity.properties.clientId
    hostStorageName: hostStorage.outputs.name
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    deploymentContainer: deploymentContainer
    dataStorageName: dataStorage.outputs.name
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    keyVaultUri: keyVault.outputs.uri
    appInsightsConnectionString: monitoring.outputs.connectionString
    pipeline: {
      storagePrefix: storagePrefix
      scoreChangesTopic: scoreChangesTopic
      playbooksSubscription: playbooksSubscription
      alertsSubscription: alertsSubscription
      alertsSchedule: alertsSchedule
      alertTiers: alertTiers
      alertSegments: alertSegments
      alertMinArr: alertMinArr
      alertTriggers: alertTriggers
      alertAttempts: alertAttempts
      alertRetryDelayMilliseconds: alertRetryDelayMilliseconds
      rescoreSchedule: rescoreSchedule
      dirtyRescoreSchedule: dirtyRescoreSchedule
      dispatchSchedule: dispatchSchedule
      dispatchBudgetSeconds: dispatchBudgetSeconds
      jobsSchedule: jobsSchedule
      jobTimeoutMinutes: jobTimeoutMinutes
      maxQueuedJobsPerKind: maxQueuedJobsPerKind
      cleanupSchedule: cleanupSchedule
      jobRetentionDays: jobRetentionDays
      parkedRetentionDays: parkedRetentionDays
      auditRetentionDays: auditRetentionDays
      signalRetentionDays: signalRetentionDays
      rescoreParallelism: rescoreParallelism
      maxDeliveryCount: maxDeliveryCount
      webhookToleranceSeconds: webhookToleranceSeconds
      modelPath: modelPath
      taskWebhookUrl: taskWebhookUrl
      webhookMappingsPath: webhookMappingsPath
    }
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    virtualNetworkSubnetId: isPrivate ? network!.outputs.appSubnetId : ''
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    auth: {
      clientId: authClientId
      tenantId: authTenantId
      identityId: authIdentity.id
      identityClientId: authIdentity.properties.clientId
      allowedApplications: authAllowedApplications
    }
  }
}

@description('Function app name (for az functionapp commands).')
output functionAppName string = functionApp.outputs.name

@description('Base URL of the HTTP functions, e.g. https://<app>.azurewebsites.net/api.')
output functionBaseUrl string = functionApp.outputs.baseUrl

@description('The dashboard (sign in with Entra ID).')
output dashboardUrl string = functionApp.outputs.dashboardUrl

@description('Principal (object) id of the identity the app registration must trust as a federated credential (deploy.sh adds it).')
output authIdentityPrincipalId string = authIdentity.properties.principalId

@description('Topic that carries score changes.')
output scoreChangesTopic string = serviceBus.outputs.topicName

@description('Service Bus namespace host name.')
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace

@description('Key Vault holding the webhook secrets.')
output keyVaultName string = keyVault.outputs.name

@description('Names of the webhook secrets in the vault.')
output webhookSecretNames string[] = functionApp.outputs.secretNames

@description('Storage account with the app\'s tables and containers.')
output dataStorageAccount string = dataStorage.outputs.name
