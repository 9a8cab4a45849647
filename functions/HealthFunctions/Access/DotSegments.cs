namespace HealthFunctions.Access;

/// <summary>
/// Finds dot segments in a request path as it came on the wire, before any server normalized it: <c>..</c> or <c>.</c>
/// segments, raw or percent-encoded (<c>%2e%2e</c>, also encoded twice), and encoded or raw separators that could make
/// one (<c>%2f</c>, <c>%5c</c>, <c>\</c>). Such a path could reach another route than the one it names (a webhook's or
/// healthz's path, which sign-in lets through, leading to an account), so it is refused before routing.
/// </summary>
public static class DotSegments
{
    private static readonly string[] EncodedSeparators = ["%2f", "%5c"];

    /// <summary>What is wrong with <paramref name="target"/> (a path, or a request target with a query), or null when nothing is.</summary>
    public static string? Problem(string? target)
    {
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        for (var round = 0; round < 4; round++)
        {
            if (EncodedSeparators.Any(s => path.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                return "must not hold an encoded slash or backslash (%2f, %5c).";
            }

            if (path.Contains('\\', StringComparison.Ordinal))
            {
                return "must not hold a backslash.";
            }

            if (path.Split('/').Any(s => s is "." or ".."))
            {
                return "must not hold dot segments (. or .., raw or percent-encoded).";
            }

            var decoded = Uri.UnescapeDataString(path);
            if (decoded == path)
            {
                break;
            }

            path = decoded;
        }

        return null;
    }
}
