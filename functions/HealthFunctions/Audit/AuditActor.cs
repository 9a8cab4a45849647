namespace HealthFunctions.Audit;

/// <summary>Who made a change: the principal's name and Entra object id (both null in the open local mode).</summary>
public sealed record AuditActor(string? Name, string? ObjectId);
