namespace HealthFunctions.Alerts;

/// <summary>A receiver refused an alert for good (a 4xx other than 408 and 429: a revoked webhook, a payload it will never take).</summary>
public sealed class AlertRejectedException(string destination, int status, string? body)
    : Exception($"{destination} refused the alert with HTTP {status}: {body}")
{
    /// <summary>slack or teams.</summary>
    public string Destination { get; } = destination;

    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;
}
