using System.Text.Json;

namespace HealthFunctions.Audit;

/// <summary>
/// One change in the audit trail: when, who (the signed-in principal's name and object id), what (<see cref="AuditActions"/>),
/// on what (<paramref name="Target"/>: a task id, a model version, a webhook source), and the state before and after (a
/// pulse's or override's author there is the principal, with a body's author that named someone else as a note only).
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, AuditActor Who, string Action, string? Target, JsonElement? Before, JsonElement? After);

/// <summary>Who made a change: the principal's name and Entra object id (both null in the open local mode).</summary>
public sealed record AuditActor(string? Name, string? ObjectId);

/// <summary>The answer to <c>GET /api/accounts/{id}/audit</c> and <c>GET /api/audit?scope=</c>: newest first.</summary>
public sealed record AuditTrailPage(string Subject, IReadOnlyList<AuditEntry> Entries);
