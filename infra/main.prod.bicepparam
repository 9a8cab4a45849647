// Production: more headroom, longer log retention, purge protection on (irreversible).
using 'main.bicep'

param environmentName = 'prod'
param tags = {
  costCenter: 'customer-success'
}
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param logRetentionInDays = 90
param enablePurgeProtection = true
// Set taskWebhookUrl here to POST every playbook task to your CRM or ticketing bridge.
