using System.Text;
using System.Text.Json.Serialization;
using HealthScoring;

namespace HealthFunctions.Messaging;

/// <summary>
/// The score-change message: a CloudEvents 1.0 JSON envelope whose <c>data</c> says what changed. The id is a
/// hash of account, day and kind, so Service Bus duplicate detection and consumers can drop repeats.
/// </summary>
/// <remarks>CloudEvents attribute names are lower case without separators, hence the explicit names.</remarks>
public sealed record ScoreChangedEvent(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("data")] ScoreChangedData Data)
{
    /// <summary>The CloudEvents type of every score change.</summary>
    public const string EventType = "io.healthfunctions.score.changed.v1";

    /// <summary>The CloudEvents source.</summary>
    public const string EventSource = "/healthfunctions/rescoring";

    /// <summary>The message content type.</summary>
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    /// <summary>Builds the event for a transition.</summary>
    public static ScoreChangedEvent For(string accountId, string? segment, DateOnly day, Transition transition, string modelVersion, DateTimeOffset now) =>
        new("1.0", IdFor(accountId, day, transition.WireName), EventSource, EventType, now, accountId, "application/json",
            new ScoreChangedData(accountId, segment, day, transition.WireName, transition.PreviousScore, transition.PreviousTier,
                transition.CurrentScore, transition.CurrentTier, transition.Delta, transition.Drivers, modelVersion));

    /// <summary>The deterministic id: "sc-" and 32 hex digits of SHA-256 over account, day and kind.</summary>
    public static string IdFor(string accountId, DateOnly day, string kind)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}\n{day:yyyy-MM-dd}\n{kind}"));
        return "sc-" + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
