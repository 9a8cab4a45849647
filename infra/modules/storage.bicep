// A StorageV2 account with shared-key access off (identity only), private blob containers and tables, role
// assignments for the app identity at account scope, diagnostic settings to Log Analytics for the account and its
// blob, table and queue services, optional blob and container soft delete, and optionally no public network access
// (then reachable only through private endpoints). main.bicep uses it twice: host storage (the Functions host's own
// blobs and the deployment package) and data storage (the app's tables and containers, including the webhook archive).
import { tagSet, allLogs, allMetrics, diagnosticSettingName } from 'shared.bicep'

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagSet

@description('Blob containers to create (private).')
param containers string[] = []

@description('Tables to create.')
param tables string[] = []

@description('Resource id of the app identity (keys the role assignment names).')
param appIdentityId string

@description('Principal id of the app identity.')
param appPrincipalId string

@description('Built-in role definition ids granted to the app identity at account scope.')
param appRoleIds string[]

@description('Days deleted blobs and containers are kept (soft delete); null for no soft delete.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int?

@description('\'Disabled\': no public endpoint; the account is reached through the private endpoints below.')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string

@description('Private endpoints to create when public access is off: the sub-resource (blob, table), its private DNS zone, the subnet.')
param privateEndpoints { service: 'blob' | 'table', dnsZoneId: string, subnetId: string }[] = []

@description('Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceId string

// --- Retention (issue #19): blob lifecycle rules -------------------------------------------------------------------
@description('''Blob lifecycle rules: block blobs under each container prefix move to the cool tier after coolAfterDays (0: never)
and are deleted after deleteAfterDays, both counted from the blob's last modification.''')
param lifecycleRules { name: string, container: string, coolAfterDays: int, deleteAfterDays: int }[] = []

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: publicNetworkAccess
    // With public access off nothing passes the firewall (no trusted-service bypass): only private endpoints reach it.
    networkAcls: publicNetworkAccess == 'Disabled'
      ? { defaultAction: 'Deny', bypass: 'None' }
      : { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: softDeleteRetentionDays == null
    ? {}
    : {
        deleteRetentionPolicy: { enabled: true, days: softDeleteRetentionDays }
        containerDeleteRetentionPolicy: { enabled: true, days: softDeleteRetentionDays }
      }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [for c in containers: {
  parent: blobService
  name: c
  properties: { publicAccess: 'None' }
}]

// Lifecycle management (the platform removes old blobs; the app's CleanUp timer does the same for table rows).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = if (!empty(lifecycleRules)) {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [for r in lifecycleRules: {
        name: r.name
        enabled: true
        type: 'Lifecycle'
        definition: {
          filters: {
            blobTypes: ['blockBlob']
            prefixMatch: ['${r.container}/']
          }
          actions: {
            baseBlob: union(
              { delete: { daysAfterModificationGreaterThan: r.deleteAfterDays } },
              r.coolAfterDays > 0 ? { tierToCool: { daysAfterModificationGreaterThan: r.coolAfterDays } } : {}
            )
          }
        }
      }]
    }
  }
  dependsOn: [blobContainers]
}
// --- end retention ---------------------------------------------------------------------------------------------------

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource accountTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [for t in tables: {
  parent: tableService
  name: t
}]

// Declared (no queues are created) so its logs have a diagnostic setting too.
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in appRoleIds: {
  name: guid(account.id, appIdentityId, roleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

module endpoints 'private-endpoint.bicep' = [for pe in privateEndpoints: {
  name: 'pe-${name}-${pe.service}'
  params: {
    name: 'pe-${name}-${pe.service}'
    location: location
    tags: tags
    subnetId: pe.subnetId
    targetId: account.id
    groupId: pe.service
    dnsZoneId: pe.dnsZoneId
  }
}]

// The account itself has metrics only; its logs belong to the blob, table and queue services.
resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: account
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    metrics: allMetrics
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: blobService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: allLogs
    metrics: allMetrics
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: tableService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: allLogs
    metrics: allMetrics
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: allLogs
    metrics: allMetrics
  }
}

@description('Account name.')
output name string = account.name

@description('Blob endpoint, ending in a slash.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
