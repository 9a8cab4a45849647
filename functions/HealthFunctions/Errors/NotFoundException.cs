namespace HealthFunctions.Errors;

/// <summary>The resource does not exist; answered 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);
