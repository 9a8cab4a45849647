using Azure;

namespace HealthFunctions.Storage.Tables;

/// <summary>
/// A table entity: keys, ETag, timestamp and typed properties. Values may be string, int, long, double,
/// bool, DateTimeOffset, Guid or byte[]; they round-trip with their Edm types.
/// </summary>
public sealed class TableEntity
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an entity with the given keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>The partition key.</summary>
    public string PartitionKey { get; }

    /// <summary>The row key.</summary>
    public string RowKey { get; }

    /// <summary>The ETag the service returned with this entity (default when not read from the service).</summary>
    public ETag ETag { get; set; }

    /// <summary>The service's last-modified time, when read from the service.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The custom properties (keys, ETag and Timestamp excluded).</summary>
    public IReadOnlyDictionary<string, object> Properties => _properties;

    /// <summary>Gets or sets a property; setting null removes it.</summary>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            if (value is null)
            {
                _properties.Remove(name);
            }
            else
            {
                _properties[name] = PropertyValue.Check(name, value);
            }
        }
    }

    /// <summary>A string property, or null.</summary>
    public string? GetString(string name) => _properties.GetValueOrDefault(name) as string;

    /// <summary>An Int32 property, or null.</summary>
    public int? GetInt32(string name) => _properties.GetValueOrDefault(name) switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    };

    /// <summary>An Int64 property (Int32 widens), or null.</summary>
    public long? GetInt64(string name) => _properties.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        _ => null,
    };

    /// <summary>A Double property (integers widen), or null.</summary>
    public double? GetDouble(string name) => _properties.GetValueOrDefault(name) switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => null,
    };

    /// <summary>A Boolean property, or null.</summary>
    public bool? GetBoolean(string name) => _properties.GetValueOrDefault(name) as bool?;

    /// <summary>A DateTime property, or null.</summary>
    public DateTimeOffset? GetDateTimeOffset(string name) => _properties.GetValueOrDefault(name) as DateTimeOffset?;

    /// <summary>A Guid property, or null.</summary>
    public Guid? GetGuid(string name) => _properties.GetValueOrDefault(name) as Guid?;

    /// <summary>A Binary property, or null.</summary>
    public byte[]? GetBinary(string name) => _properties.GetValueOrDefault(name) as byte[];
}
