// One private endpoint for one sub-resource (blob, table, vault, ...) of a resource, registered in the private DNS
// zone for that sub-resource so the resource's public host name resolves to the endpoint inside the virtual network.
import { tagSet } from 'shared.bicep'

@description('Private endpoint name.')
param name string

@description('Azure region (the virtual network\'s).')
param location string

@description('Tags for every resource.')
param tags tagSet

@description('Resource id of the subnet that holds private endpoints.')
param subnetId string

@description('Resource id of the resource the endpoint connects to.')
param targetId string

@description('Private link sub-resource (group id): blob, table, vault, ...')
param groupId string

@description('Resource id of the private DNS zone for that sub-resource.')
param dnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetId
          groupIds: [groupId]
        }
      }
    ]
  }
}

resource dnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: { privateDnsZoneId: dnsZoneId }
      }
    ]
  }
}
