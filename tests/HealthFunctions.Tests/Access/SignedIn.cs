using HealthFunctions.Access;

namespace HealthFunctions.Tests.Access;

/// <summary>Requests as App Service authentication passes them on: the principal header, and the header the dashboard sends.</summary>
internal static class SignedIn
{
    public const string AzureMode = "HealthFunctions:Auth:Mode";

    public static Dictionary<string, string?> AzureSettings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { [AzureMode] = AccessMode.AppServiceValue };
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return settings;
    }

    /// <summary>Adds the principal (name, object id, roles) and X-Requested-With to every request of <paramref name="http"/>.</summary>
    public static HttpClient As(this HttpClient http, string name, params string[] roles)
    {
        http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode(name, ObjectId(name), roles));
        http.DefaultRequestHeaders.Remove(AccessGuard.RequestedWithHeader);
        http.DefaultRequestHeaders.Add(AccessGuard.RequestedWithHeader, "XMLHttpRequest");
        return http;
    }

    /// <summary>A stable object id for a test user.</summary>
    public static string ObjectId(string name) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name))).ToString();
}
