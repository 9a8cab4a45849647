using System.Text.Json;

namespace HealthFunctions.Hosting;

/// <summary>
/// The JSON the Functions host POSTs to a custom handler for non-HTTP triggers:
/// <c>{"Data":{binding:value},"Metadata":{key:value}}</c>. The host serializes values through Json.NET, so a
/// string may arrive JSON-quoted twice, a number as a quoted string, and an object as a JSON string; every
/// accessor here accepts each of those forms.
/// </summary>
public sealed class InvocationPayload : IDisposable
{
    private readonly JsonDocument _document;
    private readonly JsonElement _data;
    private readonly JsonElement _metadata;

    private InvocationPayload(JsonDocument document)
    {
        _document = document;
        var root = document.RootElement;
        _data = Property(root, "Data");
        _metadata = Property(root, "Metadata");
    }

    /// <summary>Parses a payload; throws <see cref="FormatException"/> when it is not a JSON object.</summary>
    public static InvocationPayload Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new FormatException("The invocation payload is not JSON.", e);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new FormatException("The invocation payload is not a JSON object.");
        }

        return new InvocationPayload(document);
    }

    /// <summary>A binding's bytes: base64 (what "dataType":"binary" sends), else the string's UTF-8, else the raw JSON.</summary>
    public byte[]? GetBinary(string binding)
    {
        var value = Property(_data, binding);
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var text = Unquote(value.GetString()!);
                var buffer = new byte[text.Length];
                return Convert.TryFromBase64String(text, buffer, out var written)
                    ? buffer.AsSpan(0, written).ToArray()
                    : System.Text.Encoding.UTF8.GetBytes(text);
            default:
                return System.Text.Encoding.UTF8.GetBytes(value.GetRawText());
        }
    }

    /// <summary>A metadata string (unquoted), or null.</summary>
    public string? GetMetadataString(string key)
    {
        var value = Property(_metadata, key);
        return value.ValueKind switch
        {
            JsonValueKind.String => Unquote(value.GetString()!),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>A metadata integer given as a number or a (quoted) string, or null.</summary>
    public long? GetMetadataInt64(string key)
    {
        var value = Property(_metadata, key);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }

        return GetMetadataString(key) is { } s && long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out n)
            ? n
            : null;
    }

    /// <summary>A metadata object's string-valued members (an object, or a JSON string holding one), or empty.</summary>
    public IReadOnlyDictionary<string, string> GetMetadataMap(string key)
    {
        var value = Property(_metadata, key);
        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var inner = JsonDocument.Parse(Unquote(value.GetString()!));
                return ToMap(inner.RootElement);
            }
            catch (JsonException)
            {
                return new Dictionary<string, string>();
            }
        }

        return ToMap(value);
    }

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();

    private static Dictionary<string, string> ToMap(JsonElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (var p in element.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? Unquote(p.Value.GetString()!) : p.Value.GetRawText();
        }

        return map;
    }

    private static JsonElement Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        foreach (var p in element.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return default;
    }

    /// <summary>Removes one level of JSON quoting when the host added it ("\"abc\"" becomes "abc").</summary>
    internal static string Unquote(string s)
    {
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize(s, AppJson.Default.String) ?? s;
            }
            catch (JsonException)
            {
                return s;
            }
        }

        return s;
    }
}
