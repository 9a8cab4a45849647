using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthFunctions.Storage.ServiceBus;

namespace HealthFunctions.Storage.Internal;

/// <summary>Writes Service Bus REST payloads: the BrokerProperties header JSON, property headers, batch bodies.</summary>
internal static class ServiceBusMessageWriter
{
    private static readonly HashSet<string> s_reservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "BrokerProperties", "Content-Type", "Content-Length", "Host", "Accept", "User-Agent",
        "x-ms-retrypolicy", "x-ms-client-request-id", "x-ms-return-client-request-id", "traceparent", "tracestate",
    };

    /// <summary>The BrokerProperties JSON for one message (MessageId, CorrelationId, Label, TimeToLive seconds).</summary>
    public static string BrokerProperties(ServiceBusOutgoingMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteBrokerProperties(writer, message, includeContentType: false);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The header value of one application property (strings as-is, numbers invariant, booleans lower-case).</summary>
    public static string HeaderValue(string name, object value)
    {
        if (!IsToken(name) || s_reservedHeaders.Contains(name))
        {
            throw new ArgumentException(
                $"Application property '{name}' cannot travel as an HTTP header: use letters, digits, '-' or '_', and no standard header name.",
                nameof(name));
        }

        var text = value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f and (int or long or double or float or decimal or short or byte) => f.ToString(null, CultureInfo.InvariantCulture),
            _ => throw new ArgumentException(
                $"Application property '{name}' is a {value.GetType().Name}; use a string, number or boolean.", nameof(value)),
        };
        if (text.Any(c => c < ' ' || c > '~'))
        {
            throw new ArgumentException(
                $"Application property '{name}' holds characters an HTTP header cannot carry (control or non-ASCII); send it in a batch or the body.",
                nameof(value));
        }

        return text;
    }

    /// <summary>The JSON array body of Send Message Batch.</summary>
    public static ReadOnlyMemory<byte> Batch(IReadOnlyList<ServiceBusOutgoingMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(messages.Count * 256);
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            var body = message.Body.ToMemory();
            if (System.Text.Unicode.Utf8.IsValid(body.Span))
            {
                writer.WriteString("Body", Encoding.UTF8.GetString(body.Span));
            }
            else
            {
                writer.WriteBase64String("Body", body.Span);
                writer.WriteBoolean("IsBodyBase64", true);
            }

            writer.WritePropertyName("BrokerProperties");
            WriteBrokerProperties(writer, message, includeContentType: true);
            if (message.ApplicationProperties.Count > 0)
            {
                writer.WriteStartObject("UserProperties");
                foreach (var (name, value) in message.ApplicationProperties)
                {
                    switch (value)
                    {
                        case string s: writer.WriteString(name, s); break;
                        case bool b: writer.WriteBoolean(name, b); break;
                        case int i: writer.WriteNumber(name, i); break;
                        case long l: writer.WriteNumber(name, l); break;
                        case double d: writer.WriteNumber(name, d); break;
                        case float f: writer.WriteNumber(name, f); break;
                        case decimal m: writer.WriteNumber(name, m); break;
                        default:
                            throw new ArgumentException(
                                $"Application property '{name}' is a {value.GetType().Name}; use a string, number or boolean.", nameof(messages));
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
        return buffer.WrittenMemory;
    }

    private static void WriteBrokerProperties(Utf8JsonWriter writer, ServiceBusOutgoingMessage message, bool includeContentType)
    {
        writer.WriteStartObject();
        if (message.MessageId is not null)
        {
            writer.WriteString("MessageId", message.MessageId);
        }

        if (message.CorrelationId is not null)
        {
            writer.WriteString("CorrelationId", message.CorrelationId);
        }

        if (message.Subject is not null)
        {
            writer.WriteString("Label", message.Subject);
        }

        if (message.TimeToLive is { } ttl)
        {
            writer.WriteNumber("TimeToLive", ttl.TotalSeconds);
        }

        if (includeContentType && message.ContentType is not null)
        {
            writer.WriteString("ContentType", message.ContentType);
        }

        writer.WriteEndObject();
    }

    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
