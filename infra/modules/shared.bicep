// Types and values every module shares (imported with `import`).

@export()
@description('Resource tags: names to string values.')
type tagSet = { *: string }

@export()
@description('Diagnostic setting logs: every category the resource has (the allLogs category group).')
var allLogs = [{ categoryGroup: 'allLogs', enabled: true }]

@export()
@description('Diagnostic setting metrics: every platform metric.')
var allMetrics = [{ category: 'AllMetrics', enabled: true }]

@export()
@description('Name of the diagnostic setting on every resource that sends to the Log Analytics workspace.')
var diagnosticSettingName = 'to-log-analytics'
