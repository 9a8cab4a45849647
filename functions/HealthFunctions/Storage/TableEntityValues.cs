using Azure.Data.Tables;

namespace HealthFunctions.Storage;

/// <summary>Building entities the way the service stores them: a null value is no property at all.</summary>
public static class TableEntityValues
{
    /// <summary>
    /// Sets <paramref name="name"/> unless <paramref name="value"/> is null, so a merge keeps what is stored and a
    /// replace drops it (the SDK would otherwise send an explicit null).
    /// </summary>
    public static TableEntity SetIfNotNull(this TableEntity entity, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (value is not null)
        {
            entity[name] = value;
        }

        return entity;
    }
}
