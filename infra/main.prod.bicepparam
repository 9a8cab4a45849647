// Production: more headroom, longer log and soft-delete retention, purge protection on (irreversible), and no public
// endpoint on storage or Key Vault: the app reaches them through private endpoints in its own virtual network.
using 'main.bicep'

// The Entra ID app registration that signs users in (docs/deploy.md, "Who can sign in"); deploy.sh requires it.
param authClientId = readEnvironmentVariable('HF_AUTH_CLIENT_ID')
param environmentName = 'prod'
param tags = {
  costCenter: 'customer-success'
}
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param logRetentionInDays = 90
param enablePurgeProtection = true
param dataSoftDeleteRetentionDays = 30
param publicNetworkAccess = 'Disabled'
// Change these if 10.60.0.0/16 overlaps a network you will peer with.
param vnetAddressPrefix = '10.60.0.0/16'
param appSubnetPrefix = '10.60.0.0/24'
param privateEndpointSubnetPrefix = '10.60.1.0/24'
// Set taskWebhookUrl here to POST every playbook task to your CRM or ticketing bridge.
