// Log Analytics workspace and workspace-based Application Insights with local (key) auth disabled: the app
// sends telemetry with its managed identity, which needs Monitoring Metrics Publisher on the component.
import { roleIds } from 'roles.bicep'
import { tagSet } from 'shared.bicep'

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagSet

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Resource id of the app identity (keys the role assignment name).')
param appIdentityId string

@description('Principal id of the app identity that publishes telemetry.')
param appPrincipalId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appIdentityId, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Log Analytics workspace id (destination of every diagnostic setting).')
output workspaceId string = workspace.id

@description('Application Insights connection string (not a secret: ingestion needs an Entra token because local auth is off).')
output connectionString string = appInsights.properties.ConnectionString
