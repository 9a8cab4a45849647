namespace HealthFunctions.Errors;

/// <summary>The body is over the limit; answered 413.</summary>
public sealed class PayloadTooLargeException(long limitBytes)
    : Exception($"The request body is larger than {limitBytes} bytes.")
{
    /// <summary>The limit in bytes.</summary>
    public long LimitBytes { get; } = limitBytes;
}
