// The app's user-assigned managed identity. User-assigned (not system-assigned) so that role assignments,
// Key Vault references and the deployment container can name it before the function app exists.

@description('Identity name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id (for identity blocks and keyVaultReferenceIdentity).')
output id string = identity.id

@description('Client id (for the __clientId connection settings).')
output clientId string = identity.properties.clientId

@description('Principal (object) id (for role assignments).')
output principalId string = identity.properties.principalId
