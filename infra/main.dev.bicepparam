// Development: small scale, short retention, public endpoints (no virtual network), and purge protection off so the
// environment can be torn down and re-created under the same names.
using 'main.bicep'

// The Entra ID app registration that signs users in (docs/deploy.md, "Who can sign in"); deploy.sh requires it.
param authClientId = readEnvironmentVariable('HF_AUTH_CLIENT_ID')
param environmentName = 'dev'
param tags = {
  costCenter: 'customer-success'
}
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param logRetentionInDays = 30
param enablePurgeProtection = false
param dataSoftDeleteRetentionDays = 7
param publicNetworkAccess = 'Enabled'
// operatorPrincipalId is passed by scripts/deploy.sh (the signed-in user).
