using System.Globalization;
using System.Text.Json;
using HealthFunctions.Storage.Tables;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// Writes an entity as Table JSON with Utf8JsonWriter. Types the service cannot infer carry an
/// <c>Name@odata.type</c> annotation (Int64, Double, DateTime, Guid, Binary).
/// </summary>
internal static class EntityJsonWriter
{
    private const string AnnotationSuffix = "@odata.type";
    private static readonly JsonEncodedText s_int64 = JsonEncodedText.Encode("Edm.Int64");
    private static readonly JsonEncodedText s_double = JsonEncodedText.Encode("Edm.Double");
    private static readonly JsonEncodedText s_dateTime = JsonEncodedText.Encode("Edm.DateTime");
    private static readonly JsonEncodedText s_guid = JsonEncodedText.Encode("Edm.Guid");
    private static readonly JsonEncodedText s_binary = JsonEncodedText.Encode("Edm.Binary");
    private static readonly JsonEncodedText s_partitionKey = JsonEncodedText.Encode("PartitionKey");
    private static readonly JsonEncodedText s_rowKey = JsonEncodedText.Encode("RowKey");

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(s_partitionKey, entity.PartitionKey);
        writer.WriteString(s_rowKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            switch (value)
            {
                case string s:
                    writer.WriteString(name, s);
                    break;
                case int i:
                    writer.WriteNumber(name, i);
                    break;
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                case long l:
                    Annotate(writer, name, s_int64);
                    writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    Annotate(writer, name, s_double);
                    if (double.IsFinite(d))
                    {
                        writer.WriteNumber(name, d);
                    }
                    else
                    {
                        writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                    }

                    break;
                case DateTimeOffset dto:
                    Annotate(writer, name, s_dateTime);
                    writer.WriteString(name, dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                    break;
                case Guid g:
                    Annotate(writer, name, s_guid);
                    writer.WriteString(name, g);
                    break;
                case byte[] bytes:
                    Annotate(writer, name, s_binary);
                    writer.WriteBase64String(name, bytes);
                    break;
                default:
                    throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.", nameof(entity));
            }
        }

        writer.WriteEndObject();
    }

    private static void Annotate(Utf8JsonWriter writer, string name, JsonEncodedText type)
    {
        var length = name.Length + AnnotationSuffix.Length;
        Span<char> buffer = length <= 256 ? stackalloc char[length] : new char[length];
        name.AsSpan().CopyTo(buffer);
        AnnotationSuffix.AsSpan().CopyTo(buffer[name.Length..]);
        writer.WriteString(buffer, type);
    }
}
