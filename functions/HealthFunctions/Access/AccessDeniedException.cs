namespace HealthFunctions.Access;

/// <summary>A request without the sign-in (401) or the role or header (403) its route needs; answered as problem+json.</summary>
public sealed class AccessDeniedException(int status, string message) : Exception(message)
{
    /// <summary>401 or 403.</summary>
    public int Status { get; } = status is 401 or 403 ? status : throw new ArgumentOutOfRangeException(nameof(status));

    /// <summary>No principal, or one that could not be read.</summary>
    public static AccessDeniedException SignInRequired(string message) => new(401, message);

    /// <summary>A principal without the role, or a request without what its route asks for.</summary>
    public static AccessDeniedException Forbidden(string message) => new(403, message);
}
