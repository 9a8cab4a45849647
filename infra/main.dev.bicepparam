// Development: small scale, short retention, purge protection off so the environment can be torn down.
using 'main.bicep'

param environmentName = 'dev'
param tags = {
  costCenter: 'customer-success'
}
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param logRetentionInDays = 30
param enablePurgeProtection = false
// operatorPrincipalId is passed by scripts/deploy.sh (the signed-in user).
