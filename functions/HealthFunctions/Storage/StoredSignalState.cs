namespace HealthFunctions.Storage;

/// <summary>
/// An account's signal state as stored (the compact bytes of <see cref="SignalStateCodec"/>). A page of 1,000
/// accounts holds only these bytes; each account's buckets are decoded just before it is scored or changed and
/// become garbage right after, so a rescore's memory does not follow the page's decoded size.
/// </summary>
public sealed class StoredSignalState(byte[] encoded)
{
    /// <summary>No signals yet.</summary>
    public static readonly StoredSignalState Empty = new([]);

    /// <summary>Size of the stored form in bytes.</summary>
    public int Length => encoded.Length;

    /// <summary>A fresh, independent decoded copy (ingestion changes it; a failed write retries from this one).</summary>
    public SignalState Decode() => SignalStateCodec.Decode(encoded);

    /// <summary>The engine's read-only view of the buckets, decoded straight from the stored form (for scoring).</summary>
    public HealthScoring.SignalHistory DecodeHistory() => SignalStateCodec.DecodeHistory(encoded);
}
