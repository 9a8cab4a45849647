// The function app: Flex Consumption (Linux) running the .NET isolated worker (runtime dotnet-isolated 10.0), with the
// user-assigned identity for every connection, Key Vault references for the webhook secrets, every app setting the
// code reads, basic (FTP and SCM) publishing credentials off, optional virtual network integration, and diagnostic
// settings to Log Analytics, and App Service authentication (Entra ID) in front of the dashboard and the API.
// tests/HealthFunctions.Tests/Infra/AppSettingsTests.cs reads `appSettings` and `secretSettingNames` below and
// fails when they and HealthFunctions.Settings.SettingNames disagree: add a setting there, add it here.
import { tagSet, allLogs, allMetrics, diagnosticSettingName } from 'shared.bicep'

@description('Function app name (globally unique host name).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region (one that offers Flex Consumption).')
param location string

@description('Tags for every resource.')
param tags tagSet

@description('Resource id of the app identity.')
param identityId string

@description('Client id of the app identity.')
param identityClientId string

@description('Host storage account (AzureWebJobsStorage).')
param hostStorageName string

@description('Blob endpoint of the host storage account, ending in a slash.')
param hostBlobEndpoint string

@description('Container in host storage that holds the deployment package.')
param deploymentContainer string

@description('Data storage account (the app\'s tables and containers: HealthStorage).')
param dataStorageName string

@description('Service Bus host name, e.g. contoso.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Key Vault URI, ending in a slash.')
param keyVaultUri string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Pipeline settings (see main.bicep for their meaning).')
param pipeline {
  storagePrefix: string
  scoreChangesTopic: string
  playbooksSubscription: string
  alertsSubscription: string
  alertsSchedule: string
  alertTiers: string
  alertSegments: string
  alertMinArr: int
  alertTriggers: string
  alertAttempts: int
  alertRetryDelayMilliseconds: int
  rescoreSchedule: string
  dirtyRescoreSchedule: string
  dispatchSchedule: string
  dispatchBudgetSeconds: int
  jobsSchedule: string
  jobTimeoutMinutes: int
  maxQueuedJobsPerKind: int
  cleanupSchedule: string
  jobRetentionDays: int
  parkedRetentionDays: int
  auditRetentionDays: int
  signalRetentionDays: int
  rescoreParallelism: int
  maxDeliveryCount: int
  webhookToleranceSeconds: int
  modelPath: string
  taskWebhookUrl: string
  webhookMappingsPath: string
}

@description('Upper bound of instances the plan scales out to (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Subnet (delegated to Microsoft.App/environments) for virtual network integration; empty for none.')
param virtualNetworkSubnetId string = ''

@description('Log Analytics workspace that receives the diagnostic logs and metrics.')
param logAnalyticsWorkspaceId string

@description('''App Service authentication (Entra ID) for the dashboard and the API: the app registration that signs users in
(clientId), its tenant, the user-assigned identity the registration trusts as a federated credential instead of a client
secret (identityId, identityClientId), and other applications allowed to call the API with their own tokens.''')
param auth {
  clientId: string
  tenantId: string
  identityId: string
  identityClientId: string
  allowedApplications: string[]
}

// Paths App Service authentication lets through without a sign-in: the source webhooks (each request is signature-checked
// by the app) and the liveness probe. Exact paths (one per webhook source, WebhookSource), not prefixes; everything else,
// the dashboard, the read and write APIs and the ops endpoints (which also need the admin key), needs a signed-in user
// or an allowed application. tests/HealthFunctions.Tests/Infra/SecurityBaselineTests.cs holds this list in step.
var anonymousPaths = [
  '/api/webhooks/segment'
  '/api/webhooks/stripe'
  '/api/webhooks/zendesk'
  '/api/webhooks/nps'
  '/api/webhooks/standard'
  '/api/healthz'
]

// Key Vault secret name for a setting: lower case, '__' becomes '-' (secret names allow letters, digits, '-').
func secretName(setting string) string => toLower(replace(setting, '__', '-'))

// Webhook signing secrets, primary and secondary (rotation), and the alert webhook URLs, as Key Vault references.
var secretSettingNames = [
  'HealthFunctions__Webhooks__Segment__Secret'
  'HealthFunctions__Webhooks__Segment__SecondarySecret'
  'HealthFunctions__Webhooks__Stripe__Secret'
  'HealthFunctions__Webhooks__Stripe__SecondarySecret'
  'HealthFunctions__Webhooks__Zendesk__Secret'
  'HealthFunctions__Webhooks__Zendesk__SecondarySecret'
  'HealthFunctions__Webhooks__Nps__Secret'
  'HealthFunctions__Webhooks__Nps__SecondarySecret'
  'HealthFunctions__Webhooks__Standard__Secret'
  'HealthFunctions__Webhooks__Standard__SecondarySecret'
  // Slack and Teams alert webhooks: whoever holds the URL can post to the channel, so they are secrets too.
  'HealthFunctions__Alerts__SlackWebhookUrl'
  'HealthFunctions__Alerts__TeamsWebhookUrl'
]

var secretSettings = toObject(secretSettingNames, n => n, n => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretName(n)})')

// The address of the dashboard, for the "Open account" button of an alert (and the output below).
var dashboardUrl = 'https://${site.properties.defaultHostName}/api/dashboard/'

var appSettings = union(
  {
    // The Functions host's own storage, identity-based (no connection string).
    AzureWebJobsStorage__accountName: hostStorageName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // SettingNames.HealthStorage: the identity-based form Hosting/AzureClients reads (accountName + credential + clientId).
    HealthStorage__accountName: dataStorageName
    HealthStorage__credential: 'managedidentity'
    HealthStorage__clientId: identityClientId

    // SettingNames.ServiceBusConnection: read by the app's sender and by the DispatchPlaybooks receiver.
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId

    ScoreChangesTopic: pipeline.scoreChangesTopic
    PlaybooksSubscription: pipeline.playbooksSubscription
    AlertsSubscription: pipeline.alertsSubscription
    AlertsSchedule: pipeline.alertsSchedule
    RescoreSchedule: pipeline.rescoreSchedule
    DirtyRescoreSchedule: pipeline.dirtyRescoreSchedule
    DispatchSchedule: pipeline.dispatchSchedule
    JobsSchedule: pipeline.jobsSchedule

    // Explicit, although ServiceBus is the default under the Functions host: documents the intent.
    HealthFunctions__Bus: 'ServiceBus'
    // Authorization in the app on top of App Service authentication (the default under the Functions host, explicit here):
    // every route but the webhooks and healthz needs the principal the platform passes and the app role its class names.
    HealthFunctions__Auth__Mode: 'AppService'
    HealthFunctions__DispatchBudgetSeconds: string(pipeline.dispatchBudgetSeconds)
    HealthFunctions__StoragePrefix: pipeline.storagePrefix
    HealthFunctions__RescoreParallelism: string(pipeline.rescoreParallelism)
    HealthFunctions__MaxDeliveryCount: string(pipeline.maxDeliveryCount)
    HealthFunctions__WebhookToleranceSeconds: string(pipeline.webhookToleranceSeconds)
    HealthFunctions__JobTimeoutMinutes: string(pipeline.jobTimeoutMinutes)
    HealthFunctions__MaxQueuedJobsPerKind: string(pipeline.maxQueuedJobsPerKind)
    // Retention (issue #19): when the CleanUp timer runs, and how long the rows it removes are kept.
    CleanupSchedule: pipeline.cleanupSchedule
    HealthFunctions__JobRetentionDays: string(pipeline.jobRetentionDays)
    HealthFunctions__ParkedRetentionDays: string(pipeline.parkedRetentionDays)
    HealthFunctions__AuditRetentionDays: string(pipeline.auditRetentionDays)
    HealthFunctions__SignalRetentionDays: string(pipeline.signalRetentionDays)
    // Alerts (the webhook URLs are among the secrets below): which changes, for which accounts, and the dashboard that
    // the button of an alert opens.
    HealthFunctions__Alerts__Tiers: pipeline.alertTiers
    HealthFunctions__Alerts__Segments: pipeline.alertSegments
    HealthFunctions__Alerts__MinArr: string(pipeline.alertMinArr)
    HealthFunctions__Alerts__Triggers: pipeline.alertTriggers
    HealthFunctions__Alerts__Attempts: string(pipeline.alertAttempts)
    HealthFunctions__Alerts__RetryDelayMilliseconds: string(pipeline.alertRetryDelayMilliseconds)
    HealthFunctions__Alerts__DashboardUrl: dashboardUrl
  },
  // Optional settings are set only when given: an empty value would reach the app as "" (not "unset").
  empty(pipeline.modelPath) ? {} : {
    HealthFunctions__ModelPath: pipeline.modelPath
  },
  empty(pipeline.taskWebhookUrl) ? {} : {
    HealthFunctions__TaskWebhookUrl: pipeline.taskWebhookUrl
  },
  empty(pipeline.webhookMappingsPath) ? {} : {
    HealthFunctions__WebhookMappingsPath: pipeline.webhookMappingsPath
  },
  secretSettings,
  {
    // Read by App Service authentication: the identity whose token stands in for a client secret, and the one tenant
    // whose tokens are accepted.
    OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: auth.identityClientId
    WEBSITE_AUTH_AAD_ALLOWED_TENANTS: auth.tenantId
  }
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {}, '${auth.identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    // Outbound traffic to storage and Key Vault goes through this subnet when their public access is off.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostBlobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex takes the worker from here; FUNCTIONS_WORKER_RUNTIME is not an app setting on Flex. 'dotnet-isolated' /
      // '10.0' is what Microsoft's Flex Consumption stack list gives for .NET 10 isolated (sources in docs/deploy.md).
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// App Service authentication (Easy Auth): every request but the anonymous paths above must carry an Entra ID session
// (browsers are sent to sign in) or an Entra ID token whose audience is the app registration and whose client is the
// registration itself or an allowed application. The functions behind it are anonymous at the Functions level (a
// browser has no function key); ops functions keep AuthorizationLevel.Admin, so they need the admin key as well.
// No client secret: the registration trusts auth.identityId (a federated identity credential, set up by deploy.sh).
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: anonymousPaths
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: auth.clientId
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
          openIdIssuer: '${environment().authentication.loginEndpoint}${auth.tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${auth.clientId}'
            auth.clientId
          ]
          defaultAuthorizationPolicy: {
            allowedApplications: concat([auth.clientId], auth.allowedApplications)
          }
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
  dependsOn: [settings]
}

// Deployments authenticate with Entra ID; no FTP or SCM user name and password work.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: allLogs
    metrics: allMetrics
  }
}

@description('Function app name.')
output name string = site.name

@description('Base URL of the HTTP functions.')
output baseUrl string = 'https://${site.properties.defaultHostName}/api'

@description('URL of the dashboard.')
output dashboardUrl string = dashboardUrl

@description('Key Vault secret names the app references (deploy.sh seeds the missing ones).')
output secretNames string[] = [for n in secretSettingNames: secretName(n)]
