namespace HealthFunctions.Audit;

/// <summary>The answer to <c>GET /api/accounts/{id}/audit</c> and <c>GET /api/audit?scope=</c>: newest first.</summary>
public sealed record AuditTrailPage(string Subject, IReadOnlyList<AuditEntry> Entries);
