using System.Text.Json.Serialization;

namespace HealthFunctions.Webhooks;

/// <summary>What became of a verified delivery; every one is answered 202, and the last two are kept in the parked list.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Everything the mapping took from it is stored (or was stored before: a redelivery).</summary>
    [JsonStringEnumMemberName("stored")]
    Stored,

    /// <summary>No rule of the mapping applies to it (another event type, or no account named): nothing to store.</summary>
    [JsonStringEnumMemberName("ignored")]
    Ignored,

    /// <summary>Some of it is stored; the rest was skipped for the reasons given.</summary>
    [JsonStringEnumMemberName("partial")]
    Partial,

    /// <summary>Nothing could be stored, for the reasons given: listed, and replayable after a mapping change.</summary>
    [JsonStringEnumMemberName("parked")]
    Parked,
}
