using System.Security.Cryptography;
using HealthFunctions.Ingestion;

namespace HealthFunctions.Webhooks;

/// <summary>
/// A delivery after mapping: its id (the source's event id, or <see cref="BodyHashId"/> when it has none), the signals, the
/// profile updates (only the fields given), and what could not be taken from it and why.
/// </summary>
public sealed record MappedDelivery(string DeliveryId, IReadOnlyList<Signal> Signals, IReadOnlyList<ProfileUpdate> Profiles, IReadOnlyList<SkippedItem> Skipped)
{
    private const string BodyHashPrefix = "body-sha256:";

    /// <summary>The id of a delivery without a usable event id: a hash of its body, so that its archive and parked entry are stable.</summary>
    public static string BodyHashId(ReadOnlySpan<byte> body) => BodyHashPrefix + Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>True for an id made by <see cref="BodyHashId"/> (never the source's own).</summary>
    public static bool IsBodyHashId(string deliveryId) => deliveryId.StartsWith(BodyHashPrefix, StringComparison.Ordinal);
}
