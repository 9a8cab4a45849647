using System.Reflection;
using System.Security.Cryptography;

namespace HealthFunctions.Dashboard;

/// <summary>
/// The dashboard's static files, embedded in the app assembly at build time (Dashboard/wwwroot and Chart.js from
/// node_modules, see HealthFunctions.csproj), so the function app serves them the same way under the Functions host, in
/// the published package and in the local runner, with nothing to build or copy at run time.
/// </summary>
public sealed class DashboardAssets
{
    /// <summary>Prefix of the embedded resources' logical names.</summary>
    public const string Prefix = "dashboard/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    private readonly Dictionary<string, DashboardAsset> _assets;

    /// <summary>Reads every embedded dashboard file once.</summary>
    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        _assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
            _assets[path] = new DashboardAsset(path, bytes, ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream"), etag);
        }
    }

    /// <summary>Every file's path (relative to the dashboard's root).</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    /// <summary>The file at <paramref name="path"/> ("" is index.html), or null.</summary>
    public DashboardAsset? Find(string path) => _assets.GetValueOrDefault(path.Length == 0 ? "index.html" : path);
}

/// <summary>One static file: its bytes, content type and a strong ETag (a hash of the bytes).</summary>
public sealed record DashboardAsset(string Path, byte[] Content, string ContentType, string ETag);
