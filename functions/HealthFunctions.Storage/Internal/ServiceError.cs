using System.Text.Json;
using System.Xml;
using Azure;

namespace HealthFunctions.Storage.Internal;

/// <summary>Turns a failed response into a RequestFailedException carrying status and the service's error code.</summary>
internal static class ServiceError
{
    public static RequestFailedException Create(Response response, string operation)
    {
        var (code, message) = Read(response);
        return new RequestFailedException(response.Status, Describe(response, operation, code, message), code, null);
    }

    public static string Describe(Response response, string operation, string? code, string? message) =>
        $"{operation} failed with HTTP {response.Status} ({code ?? response.ReasonPhrase}){(message is null ? "." : ": " + message)}";

    /// <summary>The error code (x-ms-error-code, JSON odata.error/error, or XML Code) and message, when present.</summary>
    public static (string? Code, string? Message) Read(Response response)
    {
        response.Headers.TryGetValue(StorageHeaders.ErrorCode, out var code);
        string? message = null;
        var content = response.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return (code, message);
        }

        try
        {
            var span = content.ToMemory().Span;
            if (span[0] == (byte)'{')
            {
                using var doc = JsonDocument.Parse(content.ToMemory());
                if (doc.RootElement.TryGetProperty("odata.error", out var error) || doc.RootElement.TryGetProperty("error", out error))
                {
                    code ??= error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                    }
                }
            }
            else if (span.IndexOf("<Error"u8) >= 0)
            {
                var xml = new XmlDocument { XmlResolver = null };
                xml.LoadXml(content.ToString());
                code ??= xml.DocumentElement?["Code"]?.InnerText;
                message = xml.DocumentElement?["Message"]?.InnerText;
            }
        }
        catch (Exception ex) when (ex is JsonException or XmlException)
        {
            // The body is not a service error document; status and header code still describe the failure.
        }

        return (code, message?.Split('\n')[0].Trim());
    }
}
