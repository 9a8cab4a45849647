using System.IO.Compression;
using System.Text.Json;
using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>Stores a <see cref="HealthResult"/> as Brotli-compressed JSON: a few hundred bytes instead of a few KiB per row.</summary>
public static class ResultCodec
{
    /// <summary>Compresses a result. Quality 1 and a 64 KiB window (the JSON is a few KiB): higher settings cost several times the CPU on every rescore for a few percent of size.</summary>
    public static byte[] Encode(HealthResult result)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(result, AppJson.Default.HealthResult);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        return BrotliEncoder.TryCompress(json, buffer, out var written, quality: 1, window: 16)
            ? buffer.AsSpan(0, written).ToArray()
            : throw new InvalidOperationException("Brotli compression failed.");
    }

    /// <summary>Decompresses a result.</summary>
    public static HealthResult Decode(byte[] data)
    {
        using var input = new MemoryStream(data);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        return JsonSerializer.Deserialize(brotli, AppJson.Default.HealthResult)
            ?? throw new InvalidDataException("A stored health result is empty.");
    }
}
