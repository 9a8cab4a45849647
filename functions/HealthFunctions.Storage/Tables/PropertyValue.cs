namespace HealthFunctions.Storage.Tables;

internal static class PropertyValue
{
    public static object Check(string name, object value) => value switch
    {
        string or int or long or double or bool or DateTimeOffset or Guid or byte[] => value,
        DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt),
        _ => throw new ArgumentException(
            $"Property '{name}' has type {value.GetType().Name}; tables store string, int, long, double, bool, DateTimeOffset, Guid or byte[].",
            nameof(value)),
    };
}
