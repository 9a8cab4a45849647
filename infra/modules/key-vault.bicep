// Key Vault (RBAC mode) for the webhook signing secrets, with purge protection unless turned off, diagnostic
// settings to Log Analytics, and optionally no public network access (then reached through a private endpoint, with
// an optional allow-list of operator IP ranges). The template creates no secret values: scripts/deploy.sh seeds each
// missing secret with a random placeholder and the operator replaces it (docs/deploy.md).
import { roleIds } from 'roles.bicep'
import { tagSet, allLogs, allMetrics, diagnosticSettingName } from 'shared.bicep'

@description('Vault name (3-24 characters, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagSet

@description('Resource id of the app identity (keys the role assignment name).')
param appIdentityId string

@description('Principal id of the app identity (reads secrets through Key Vault references).')
param appPrincipalId string

@description('Optional principal id of whoever runs deploy.sh, granted Key Vault Secrets Officer to seed and rotate secrets; empty for none.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('Purge protection (cannot be turned off again once on).')
param enablePurgeProtection bool

@description('\'Disabled\': no public endpoint unless allowedIpRanges lists some; the app reaches the vault through the private endpoint.')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string

@description('Public IP ranges (CIDR) still allowed when publicNetworkAccess is \'Disabled\', e.g. the operator who seeds secrets.')
param allowedIpRanges string[] = []

@description('With publicNetworkAccess \'Disabled\': subnet for the vault\'s private endpoint.')
param privateEndpointSubnetId string = ''

@description('With publicNetworkAccess \'Disabled\': private DNS zone the endpoint registers in (privatelink.vaultcore.azure.net).')
param privateEndpointDnsZoneId string = ''

@description('Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceId string

var isPrivate = publicNetworkAccess == 'Disabled'
var ipRules = [for range in allowedIpRanges: { value: range }]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The API accepts true or nothing: false is refused, so "off" is left unset.
    enablePurgeProtection: enablePurgeProtection ? true : null
    // Private with an allow-list: the public endpoint stays up but denies every address outside the list.
    publicNetworkAccess: isPrivate && empty(allowedIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: isPrivate
      ? {
          defaultAction: 'Deny'
          bypass: 'None'
          ipRules: ipRules
        }
      : { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentityId, roleIds.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorWritesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, roleIds.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

module endpoint 'private-endpoint.bicep' = if (isPrivate) {
  name: 'pe-${name}-vault'
  params: {
    name: 'pe-${name}-vault'
    location: location
    tags: tags
    subnetId: privateEndpointSubnetId
    targetId: vault.id
    groupId: 'vault'
    dnsZoneId: privateEndpointDnsZoneId
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: allLogs
    metrics: allMetrics
  }
}

@description('Vault name.')
output name string = vault.name

@description('Vault URI, ending in a slash.')
output uri string = vault.properties.vaultUri
