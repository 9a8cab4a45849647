namespace HealthFunctions.Errors;

/// <summary>One problem with a request: the JSON path of the field (e.g. <c>signals[3].metric</c>) and what is wrong.</summary>
public sealed record FieldError(string Field, string Message);
