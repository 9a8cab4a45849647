using System.Text;

namespace HealthFunctions.Storage.Tables;

/// <summary>
/// Checks PartitionKey and RowKey values against the Table service's rules: no <c>/ \ # ?</c>, no control
/// characters (U+0000-U+001F, U+007F-U+009F), at most 1 KiB (UTF-8). Use it to answer 400 before any request.
/// </summary>
public static class TableKey
{
    /// <summary>The largest key, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;

    /// <summary>True when <paramref name="value"/> is a usable key.</summary>
    public static bool IsValid(string? value) => value is not null && Problem(value) is null;

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/> when the key is unusable.</summary>
    public static void Validate(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (Problem(value) is { } problem)
        {
            throw new ArgumentException($"The key '{paramName}' {problem}.", paramName);
        }
    }

    private static string? Problem(string value)
    {
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?')
            {
                return $"contains '{c}', which table keys forbid (/ \\ # ?)";
            }

            if (c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
            {
                return $"contains the control character U+{(int)c:X4}, which table keys forbid";
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > MaxBytes ? $"is {bytes} bytes long; table keys are at most {MaxBytes} bytes" : null;
    }
}
