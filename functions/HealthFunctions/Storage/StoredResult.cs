using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>
/// A health result as the account row keeps it (compressed JSON), decoded or encoded at most once and only when
/// needed: a daily rescore decodes yesterday's result for its baseline and passes the same bytes on as "previous"
/// without decoding or compressing them again.
/// </summary>
public sealed class StoredResult
{
    private HealthResult? _value;
    private byte[]? _encoded;

    private StoredResult(HealthResult? value, byte[]? encoded) => (_value, _encoded) = (value, encoded);

    /// <summary>The result (decoded on first use).</summary>
    public HealthResult Value => _value ??= ResultCodec.Decode(_encoded!);

    /// <summary>The stored form (compressed on first use).</summary>
    public byte[] Encoded => _encoded ??= ResultCodec.Encode(_value!);

    /// <summary>Wraps a freshly computed result.</summary>
    public static StoredResult Of(HealthResult value) => new(value, null);

    /// <summary>Wraps a result as read from storage.</summary>
    public static StoredResult FromEncoded(byte[] encoded) => new(null, encoded);
}
