namespace HealthFunctions.Tasks;

/// <summary>One step of a playbook task.</summary>
public sealed record TaskStep(string Title, string Description, DateOnly DueOn, string OwnerRole);
