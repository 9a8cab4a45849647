using System.Text;

namespace HealthFunctions.Storage;

/// <summary>
/// The Table service's rules for PartitionKey and RowKey values: no <c>/ \ # ?</c>, no control characters
/// (U+0000-U+001F, U+007F-U+009F), at most 1 KiB of UTF-8. The SDK sends any key as it is and the service refuses
/// a bad one, so input that becomes a key is checked with this first and answered 400.
/// </summary>
public static class TableKeyRules
{
    /// <summary>The largest key, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;

    /// <summary>True when <paramref name="value"/> is a usable key.</summary>
    public static bool IsValid(string? value) => value is not null && Problem(value) is null;

    /// <summary>What is wrong with <paramref name="value"/> as a key, or null when it is usable.</summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
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
