using System.Text;
using System.Text.Json.Serialization;
using HealthScoring;

namespace HealthFunctions.Messaging;

/// <summary>
/// The score-change message: a CloudEvents 1.0 JSON envelope whose <c>data</c> says what changed. The id is a
/// hash of the account, the day and the transition's key (kind, previous tier, current tier, cause), so Green→Yellow and
/// Green→Red on one day are two messages and a retry of either is one, which Service Bus duplicate detection and consumers
/// drop. A dwell's id is a hash of the account and its key (tier, the day the dwell started, playbook): one per episode.
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
    public static ScoreChangedEvent For(string accountId, string? segment, DateOnly day, Transition transition, string modelVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return new("1.0", IdFor(accountId, day, transition), EventSource, EventType, now, accountId, "application/json",
            new ScoreChangedData(accountId, segment, day, transition.WireName, transition.PreviousScore, transition.PreviousTier,
                transition.CurrentScore, transition.CurrentTier, transition.Delta, transition.Drivers, modelVersion, transition.Cause.ToWireName(),
                transition.Dwell?.Playbook, transition.Dwell?.Since, transition.Dwell?.Days));
    }

    /// <summary>The deterministic id of a transition on <paramref name="day"/> (a dwell's does not depend on the day).</summary>
    public static string IdFor(string accountId, DateOnly day, Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return transition.Dwell is null ? IdFor(accountId, day, transition.Key) : Hash($"{accountId}\n{transition.Key}");
    }

    /// <summary>The deterministic id: "sc-" and 32 hex digits of SHA-256 over account, day and transition key.</summary>
    public static string IdFor(string accountId, DateOnly day, string key) =>
        Hash($"{accountId}\n{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}\n{key}");

    private static string Hash(string text)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "sc-" + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
