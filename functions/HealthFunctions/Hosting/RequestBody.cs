using HealthFunctions.Errors;

namespace HealthFunctions.Hosting;

/// <summary>Reads a request body whole, refusing (413) anything over the limit before it is buffered.</summary>
public static class RequestBody
{
    /// <summary>The limit for webhook and API bodies: 1 MiB.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Reads the body.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken cancellationToken, int limit = MaxBytes)
    {
        if (request.ContentLength > limit)
        {
            throw new PayloadTooLargeException(limit);
        }

        using var buffer = new MemoryStream(request.ContentLength is > 0 and var n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new PayloadTooLargeException(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
