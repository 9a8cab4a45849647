// The private network used when public network access is off (publicNetworkAccess = 'Disabled' in main.bicep):
// a virtual network with one subnet the Flex Consumption app integrates with (delegated to Microsoft.App/environments,
// as Flex requires) and one for private endpoints, plus the private DNS zones those endpoints register in, linked to
// the network so the app resolves storage and Key Vault host names to their private endpoints.
import { tagSet } from 'shared.bicep'

@description('Virtual network name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagSet

@description('Address space of the virtual network (CIDR).')
param addressPrefix string

@description('Subnet the function app integrates with (CIDR inside addressPrefix; /27 or larger).')
param appSubnetPrefix string

@description('Subnet for the private endpoints (CIDR inside addressPrefix).')
param privateEndpointSubnetPrefix string

// Private DNS zone per private link sub-resource (public cloud names; storage takes the cloud's suffix). items()
// lists them in key order (blob, table, vault): the outputs below index them in that order.
var dnsZoneNames = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  vault: 'privatelink.vaultcore.azure.net'
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: { serviceName: 'Microsoft.App/environments' }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for zone in items(dnsZoneNames): {
  name: zone.value
  location: 'global'
  tags: tags
}]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (zone, i) in items(dnsZoneNames): {
  parent: zones[i]
  name: vnet.name
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: { id: vnet.id }
    registrationEnabled: false
  }
}]

@description('Subnet id for the function app\'s virtual network integration.')
output appSubnetId string = vnet.properties.subnets[0].id

@description('Subnet id for private endpoints.')
output privateEndpointSubnetId string = vnet.properties.subnets[1].id

@description('Private DNS zone ids by private link sub-resource (blob, table, vault).')
output dnsZoneIds { blob: string, table: string, vault: string } = {
  blob: zones[0].id
  table: zones[1].id
  vault: zones[2].id
}
