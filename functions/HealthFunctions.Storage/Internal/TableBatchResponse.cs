using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// Reads an entity-group transaction response: one application/http part per operation on success, or a
/// single failing part whose error message starts with "index:" naming the failing operation.
/// </summary>
internal sealed class TableBatchResponse
{
    public List<(int Status, ETag ETag)> Parts { get; } = [];

    public (int Status, string? Code, string? Message)? Failure { get; private set; }

    public static TableBatchResponse Parse(ReadOnlySpan<byte> body)
    {
        var result = new TableBatchResponse();
        var text = Encoding.UTF8.GetString(body);
        var position = 0;
        while ((position = text.IndexOf("HTTP/1.1 ", position, StringComparison.Ordinal)) >= 0)
        {
            var lineEnd = text.IndexOf('\n', position);
            var status = int.Parse(text.AsSpan(position + 9, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            var headersEnd = text.IndexOf("\r\n\r\n", lineEnd < 0 ? position : lineEnd - 1, StringComparison.Ordinal);
            var headers = headersEnd < 0 ? text[lineEnd..] : text[lineEnd..headersEnd];
            var etag = default(ETag);
            foreach (var line in headers.Split("\r\n"))
            {
                if (line.StartsWith("ETag:", StringComparison.OrdinalIgnoreCase))
                {
                    etag = new ETag(line[5..].Trim());
                }
            }

            result.Parts.Add((status, etag));
            position = headersEnd < 0 ? text.Length : headersEnd + 4;
            if (status >= 400)
            {
                var bodyEnd = text.IndexOf("\r\n--", position, StringComparison.Ordinal);
                var json = bodyEnd < 0 ? text[position..] : text[position..bodyEnd];
                var (code, message) = ReadError(json);
                result.Failure = (status, code, message);
                break;
            }
        }

        return result;
    }

    /// <summary>The zero-based index from a message like "2:The specified entity already exists.".</summary>
    public static int? ParseIndex(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }

    private static (string? Code, string? Message) ReadError(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.Trim());
            if (doc.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                    : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return (null, json.Trim());
    }
}
