using System.Globalization;

namespace HealthFunctions.Storage.Internal;

internal static class StorageHeaders
{
    public const string Date = "x-ms-date";
    public const string Version = "x-ms-version";
    public const string ErrorCode = "x-ms-error-code";

    /// <summary>RFC 1123 date for x-ms-date.</summary>
    public static string Now() => DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
}
