namespace HealthFunctions.Tasks;

/// <summary>One change to a task, as its history keeps it: when, by whom (the signed-in user, if any), and the fields set.</summary>
public sealed record TaskChange(DateTimeOffset At, string? By, string? Status, string? Owner, string? Note, bool OwnerCleared = false);
