namespace HealthFunctions.Storage.ServiceBus;

/// <summary>
/// A message to send. <see cref="ApplicationProperties"/> values are strings, numbers or booleans, so that
/// subscription SQL filters can test them.
/// </summary>
public sealed record ServiceBusOutgoingMessage(BinaryData Body)
{
    /// <summary>Deterministic id for duplicate detection.</summary>
    public string? MessageId { get; init; }

    /// <summary>The body's media type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Correlation id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Subject (Label).</summary>
    public string? Subject { get; init; }

    /// <summary>Time to live.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>Custom properties.</summary>
    public IReadOnlyDictionary<string, object> ApplicationProperties { get; init; } = new Dictionary<string, object>();
}
