using System.Globalization;
using System.Text.Json;

namespace HealthFunctions.Webhooks;

/// <summary>Dotted property paths into a payload (<c>data.object.customer</c>); no wildcards, no array indexes.</summary>
public static class JsonPath
{
    /// <summary>The element at the path, or null when a step is missing, not an object, or JSON null.</summary>
    public static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var step in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    /// <summary>The value at the path as text: strings as they are, numbers and booleans in invariant form; null otherwise.</summary>
    public static string? Text(JsonElement root, string path) => Find(root, path) is { } e ? AsText(e) : null;

    /// <summary>An element as text when it is a string, number or boolean.</summary>
    public static string? AsText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>A time: an ISO 8601 string, or a number of Unix seconds. False when neither.</summary>
    public static bool TryTime(JsonElement e, out DateTimeOffset time)
    {
        time = default;
        if (e.ValueKind == JsonValueKind.String)
        {
            return DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300799)
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return false;
    }
}
