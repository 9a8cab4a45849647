// Development: small scale, short retention, public endpoints (no virtual network), and purge protection off so the
// environment can be torn down and re-created under the same names.
using 'main.bicep'

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
