namespace HealthFunctions.Errors;

/// <summary>An RFC 9457 problem details body, with the invalid fields as an extension.</summary>
public sealed record Problem(string Type, string Title, int Status, string? Detail, string? Instance, IReadOnlyList<FieldError>? Errors);
