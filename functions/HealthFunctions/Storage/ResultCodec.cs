using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>Stores a <see cref="HealthResult"/> as Brotli-compressed JSON: a few hundred bytes instead of a few KiB per row.</summary>
public static class ResultCodec
{
    private const int MaxDecodedBytes = 16 * 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Compresses a result. Quality 1 and a 64 KiB window (the JSON is a few KiB): higher settings cost several times the CPU on every rescore for a few percent of size.</summary>
    public static byte[] Encode(HealthResult result)
    {
        // The JSON goes to a per-thread buffer and the compressor to a pooled one: a rescore encodes every account's
        // result, and only the compressed bytes outlive the call.
        var json = t_json ??= new ArrayBufferWriter<byte>(16 * 1024);
        json.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(json);
        writer.Reset(json);
        JsonSerializer.Serialize(writer, result, AppJson.Default.HealthResult);
        var compressed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(json.WrittenCount));
        try
        {
            return BrotliEncoder.TryCompress(json.WrittenSpan, compressed, out var written, quality: 1, window: 16)
                ? compressed.AsSpan(0, written).ToArray()
                : throw new InvalidOperationException("Brotli compression failed.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    /// <summary>
    /// Decompresses a result: into a pooled buffer first, so the JSON is read in one synchronous pass (reading from a
    /// stream takes the serializer's resumable path, several times slower for these constructor-bound records).
    /// </summary>
    public static HealthResult Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var size = Math.Max(4096, data.Length * 8);
        while (true)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                if (BrotliDecoder.TryDecompress(data, buffer, out var written))
                {
                    return JsonSerializer.Deserialize(buffer.AsSpan(0, written), AppJson.Default.HealthResult)
                        ?? throw new InvalidDataException("A stored health result is empty.");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            size = checked(buffer.Length * 2);
            if (size > MaxDecodedBytes)
            {
                throw new InvalidDataException("A stored health result does not decompress (corrupt, or over 16 MiB).");
            }
        }
    }

}
