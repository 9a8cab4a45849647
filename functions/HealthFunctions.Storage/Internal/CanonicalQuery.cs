namespace HealthFunctions.Storage.Internal;

/// <summary>Reads a request's query string for Shared Key canonicalization.</summary>
internal static class CanonicalQuery
{
    /// <summary>The decoded value of <paramref name="name"/> in <paramref name="query"/> ("?a=b&amp;c=d"), or null.</summary>
    public static string? Get(string query, string name)
    {
        foreach (var (key, value) in Parse(query))
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Name/value pairs, names lower-cased and values decoded.</summary>
    public static List<(string Name, string Value)> Parse(string query)
    {
        var result = new List<(string, string)>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            result.Add((Uri.UnescapeDataString(name).ToLowerInvariant(), Uri.UnescapeDataString(value)));
        }

        return result;
    }
}
