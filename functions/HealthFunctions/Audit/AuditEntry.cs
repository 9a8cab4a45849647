using System.Text.Json;

namespace HealthFunctions.Audit;

/// <summary>
/// One change in the audit trail: when, who (the signed-in principal's name and object id), what (<see cref="AuditActions"/>),
/// on what (<paramref name="Target"/>: a task id, a model version, a webhook source), and the state before and after (a
/// pulse's or override's author there is the principal, with a body's author that named someone else as a note only).
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, AuditActor Who, string Action, string? Target, JsonElement? Before, JsonElement? After);
