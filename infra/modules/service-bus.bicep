// Service Bus (Standard: topics and duplicate detection need it) with the score-changes topic and its three
// subscriptions. Local (SAS) auth is off: senders and receivers use Entra ID. The app may send to the topic and
// receive from the playbooks and alerts subscriptions only. Diagnostic logs and metrics go to Log Analytics.
import { roleIds } from 'roles.bicep'
import { tagSet, allLogs, allMetrics, diagnosticSettingName } from 'shared.bicep'

@description('Namespace name (6-50 characters, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagSet

@description('Topic that receives score changes (the ScoreChangesTopic setting).')
param topicName string

@description('Subscription read by DispatchPlaybooks (the PlaybooksSubscription setting).')
param playbooksSubscriptionName string

@description('SQL filter of the playbooks subscription (SubscriptionFilters.PlaybooksSql in the app).')
param playbooksFilter string

@description('Subscription read by SendAlerts (the AlertsSubscription setting).')
param alertsSubscriptionName string

@description('SQL filter of the alerts subscription (SubscriptionFilters.AlertsSql in the app).')
param alertsFilter string

@description('Sample subscription for downstream consumers (receives every score change).')
param downstreamSubscriptionName string

@description('Deliveries before Service Bus dead-letters a message.')
param maxDeliveryCount int

@description('Duplicate detection window (ISO 8601 duration, 20 s to 7 days).')
param duplicateDetectionWindow string

@description('Resource id of the app identity (keys the role assignment names).')
param appIdentityId string

@description('Principal id of the app identity.')
param appPrincipalId string

@description('Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceId string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
    enableBatchedOperations: true
  }
}

var subscriptionProperties = {
  maxDeliveryCount: maxDeliveryCount
  lockDuration: 'PT1M'
  deadLetteringOnMessageExpiration: true
  deadLetteringOnFilterEvaluationExceptions: true
  requiresSession: false
}

resource playbooks 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: playbooksSubscriptionName
  properties: subscriptionProperties
}

// Service Bus gives every new subscription a '$Default' rule that passes everything; writing that rule replaces
// it, so only the change kinds in the filter reach DispatchPlaybooks.
resource playbooksRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: playbooks
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: playbooksFilter }
  }
}

resource alerts 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: alertsSubscriptionName
  properties: subscriptionProperties
}

// As for playbooks: the '$Default' rule replaced, so only the kinds that can alert reach SendAlerts.
resource alertsRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: alerts
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: alertsFilter }
  }
}

// Keeps the '$Default' pass-all rule: a consumer of every score change.
resource downstream 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: downstreamSubscriptionName
  properties: subscriptionProperties
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, appIdentityId, roleIds.serviceBusDataSender)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataSender)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource receiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(playbooks.id, appIdentityId, roleIds.serviceBusDataReceiver)
  scope: playbooks
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataReceiver)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource alertsReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(alerts.id, appIdentityId, roleIds.serviceBusDataReceiver)
  scope: alerts
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataReceiver)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: namespace
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: allLogs
    metrics: allMetrics
  }
}

@description('Namespace host name for ServiceBusConnection__fullyQualifiedNamespace.')
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'

@description('Topic name.')
output topicName string = topic.name
