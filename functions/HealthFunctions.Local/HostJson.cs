using System.Text.Json;

namespace HealthFunctions.Local;

/// <summary>What the local runner reads from the app's host.json, as the Functions host would.</summary>
public static class HostJson
{
    /// <summary>The HTTP route prefix (extensions.http.routePrefix; the host's default is "api").</summary>
    public static string RoutePrefix(string directory)
    {
        var path = Path.Combine(directory, "host.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"host.json is missing from {directory}; it is copied there from functions/HealthFunctions by the build.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix) && prefix.ValueKind == JsonValueKind.String
            ? prefix.GetString()!.Trim('/')
            : "api";
    }
}
