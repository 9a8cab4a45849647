using System.Globalization;

namespace CalibrationBench;

/// <summary>Progress on stderr, each line stamped with the UTC time in ISO 8601, as the scripts' and the app's lines are.</summary>
internal static class ProgressLine
{
    /// <summary>Writes "2026-12-07T09:30:00Z text" to stderr.</summary>
    public static void Write(string text) =>
        Console.Error.WriteLine(DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " " + text);
}
