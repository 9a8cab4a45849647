namespace HealthFunctions.Access;

/// <summary>A state-changing request whose body is not of a media type its route takes; answered 415.</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);
