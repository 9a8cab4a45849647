using System.Globalization;
using System.Text.Json;
using Azure;
using HealthFunctions.Storage.Tables;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// Reads Table JSON (minimal metadata) into entities: annotations give Int64, Double, DateTime, Guid and
/// Binary their types; unannotated numbers are Int32 when integral, otherwise Double.
/// </summary>
internal static class EntityJsonReader
{
    private const string AnnotationSuffix = "@odata.type";

    /// <summary>The entities of a query response (<c>{"value":[...]}</c>).</summary>
    public static List<TableEntity> ReadPage(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("value", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("The Table service returned a query response without a 'value' array.");
        }

        var entities = new List<TableEntity>(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
        {
            entities.Add(ReadEntity(element));
        }

        return entities;
    }

    /// <summary>One entity document.</summary>
    public static TableEntity ReadSingle(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        return ReadEntity(doc.RootElement);
    }

    private static TableEntity ReadEntity(JsonElement element)
    {
        string? partitionKey = null, rowKey = null, etag = null;
        DateTimeOffset? timestamp = null;
        Dictionary<string, string>? types = null;
        var values = new List<JsonProperty>(16);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            switch (name)
            {
                case "PartitionKey":
                    partitionKey = property.Value.GetString();
                    continue;
                case "RowKey":
                    rowKey = property.Value.GetString();
                    continue;
                case "odata.etag":
                    etag = property.Value.GetString();
                    continue;
                case "Timestamp":
                    timestamp = ParseDate(property.Value.GetString()!);
                    continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            if (name.EndsWith(AnnotationSuffix, StringComparison.Ordinal))
            {
                (types ??= new(StringComparer.Ordinal))[name[..^AnnotationSuffix.Length]] = property.Value.GetString() ?? "";
                continue;
            }

            values.Add(property);
        }

        var entity = new TableEntity(partitionKey ?? "", rowKey ?? "") { Timestamp = timestamp };
        if (etag is not null)
        {
            entity.ETag = new ETag(etag);
        }

        foreach (var property in values)
        {
            string? type = null;
            types?.TryGetValue(property.Name, out type);
            var value = Convert(property.Value, type);
            if (value is not null)
            {
                entity[property.Name] = value;
            }
        }

        return entity;
    }

    private static object? Convert(JsonElement value, string? type)
    {
        switch (type)
        {
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.String
                    ? long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : value.GetInt64();
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.String
                    ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : value.GetDouble();
            case "Edm.DateTime":
                return ParseDate(value.GetString()!);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!);
            case "Edm.Binary":
                return value.GetBytesFromBase64();
            case "Edm.Int32":
                return value.GetInt32();
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt32(out var i) ? (object)i : value.GetDouble(),
            _ => null,
        };
    }

    private static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
