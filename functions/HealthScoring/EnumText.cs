namespace HealthScoring;

/// <summary>
/// Reads an enum member from text by its exact name (any case). <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// also accepts numbers, surrounding spaces and comma-separated lists that it ORs together ("contracted, churned" reads
/// as Expanded), so input never goes through it.
/// </summary>
public static class EnumText
{
    /// <summary>True when <paramref name="text"/> is one member's name, ignoring case; nothing else matches.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        if (text is not null)
        {
            var names = Enum.GetNames<T>();
            for (var i = 0; i < names.Length; i++)
            {
                if (string.Equals(names[i], text, StringComparison.OrdinalIgnoreCase))
                {
                    value = Enum.GetValues<T>()[i];
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
