using System.Globalization;
using System.Text.Json;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Dotted property paths into a payload (<c>data.object.customer</c>). A step ending in <c>[]</c> steps into every element
/// of an array (<c>data.object.items.data[].quantity</c>); such paths are for sums and match conditions, where many values
/// make sense. No indexes, no wildcards.
/// </summary>
public static class JsonPath
{
    private const string Each = "[]";

    /// <summary>What is wrong with a path, or null when it is usable (with array steps only where <paramref name="arrays"/>).</summary>
    public static string? Problem(string path, bool arrays)
    {
        var steps = path.Split('.');
        foreach (var step in steps)
        {
            var name = step.EndsWith(Each, StringComparison.Ordinal) ? step[..^Each.Length] : step;
            if (name.Length == 0 || name.Contains('[', StringComparison.Ordinal) || name.Contains(']', StringComparison.Ordinal))
            {
                return "must be property names joined by '.', each optionally ending in [] (every element of an array).";
            }
        }

        var hasArrays = steps.Any(s => s.EndsWith(Each, StringComparison.Ordinal));
        return hasArrays && !arrays ? "must name one value: array steps ([]) are for sum and when." : null;
    }

    /// <summary>True when the path steps into arrays.</summary>
    public static bool HasArrays(string path) => path.Contains(Each, StringComparison.Ordinal);

    /// <summary>The element at a path without array steps, or null when a step is missing, not an object, or JSON null.</summary>
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

    /// <summary>
    /// Every element a path reaches, stepping into each element of the arrays it names; null when the path is absent
    /// before its first array (no such array), empty when the arrays are there but hold nothing at the path.
    /// </summary>
    public static List<JsonElement>? FindAll(JsonElement root, string path)
    {
        var found = new List<JsonElement>();
        return Walk(root, path.Split('.'), 0, found) ? found : null;
    }

    /// <summary>The value at the path as text: strings as they are, numbers and booleans in invariant form; null otherwise.</summary>
    public static string? Text(JsonElement root, string path) => Find(root, path) is { } e ? AsText(e) : null;

    /// <summary>The texts of every value a path reaches (array steps included).</summary>
    public static IEnumerable<string> Texts(JsonElement root, string path) =>
        (FindAll(root, path) ?? []).Select(AsText).OfType<string>();

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

    /// <summary>Collects what the steps from <paramref name="at"/> reach; false when absent before the first array.</summary>
    private static bool Walk(JsonElement current, string[] steps, int at, List<JsonElement> found)
    {
        for (var i = at; i < steps.Length; i++)
        {
            var each = steps[i].EndsWith(Each, StringComparison.Ordinal);
            var name = each ? steps[i][..^Each.Length] : steps[i];
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current) || current.ValueKind == JsonValueKind.Null)
            {
                return false;
            }

            if (each)
            {
                if (current.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                foreach (var element in current.EnumerateArray())
                {
                    Walk(element, steps, i + 1, found);
                }

                return true;
            }
        }

        found.Add(current);
        return true;
    }
}
