using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthScoring;

/// <summary>
/// Writes an enum as its name (through an optional naming policy) and reads back only such a name, in any case.
/// <see cref="JsonStringEnumConverter{TEnum}"/> also reads numbers, and comma-separated lists that it ORs together
/// ("Red, Green" reads as Green), so JSON that comes from outside (a bus message) would be misread with it.
/// </summary>
public class ExactEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _names;
    private readonly Dictionary<string, T> _values;

    /// <summary>Names as declared.</summary>
    public ExactEnumJsonConverter()
        : this(null)
    {
    }

    /// <summary>Names through <paramref name="namingPolicy"/> (e.g. kebab-case).</summary>
    protected ExactEnumJsonConverter(JsonNamingPolicy? namingPolicy)
    {
        _names = Enum.GetValues<T>().ToDictionary(v => v, v => namingPolicy?.ConvertName(v.ToString()) ?? v.ToString());
        _values = _names.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException($"Expected one of {string.Join(", ", _names.Values)} as a string.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Name(value));
    }

    /// <inheritdoc />
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(Name(value));
    }

    private string Name(T value) => _names.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a member of {typeof(T).Name}.");

    private T Parse(string? text) =>
        text is not null && _values.TryGetValue(text, out var value) ? value : throw new JsonException($"'{text}' is not one of {string.Join(", ", _names.Values)}.");
}
