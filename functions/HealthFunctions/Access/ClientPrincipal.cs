using System.Text.Json;

namespace HealthFunctions.Access;

/// <summary>
/// Reads the <c>X-MS-CLIENT-PRINCIPAL</c> header App Service authentication sets on each signed-in request (and strips
/// from what clients send): Base64 of <c>{"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}</c> ("Work with
/// user identities in Azure App Service authentication", learn.microsoft.com/azure/app-service/configure-authentication-user-identities).
/// The name is the <c>name_typ</c> claim (else <c>preferred_username</c>, <c>name</c>, or the NAME header); the object id the
/// <c>oid</c> claim in its short or its mapped form; the roles every claim of the <c>role_typ</c> type (else <c>roles</c>).
/// </summary>
public static class ClientPrincipal
{
    /// <summary>The header with the claims.</summary>
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The header with the human-readable name.</summary>
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>Longest header read (a principal with many group claims stays far below).</summary>
    public const int MaxHeaderLength = 64 * 1024;

    private const string ObjectIdMapped = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string RoleMapped = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    /// <summary>The principal of a request, or null when it carries no principal header. Throws <see cref="FormatException"/> when the header cannot be read.</summary>
    public static Principal? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[Header].ToString();
        if (header.Length == 0)
        {
            return null;
        }

        var principal = Parse(header);
        var name = request.Headers[NameHeader].ToString().Trim();
        return principal.Name is null && name.Length is > 0 and <= 256 ? principal with { Name = name } : principal;
    }

    /// <summary>Parses the header's value.</summary>
    public static Principal Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Length > MaxHeaderLength)
        {
            throw new FormatException($"{Header} is longer than {MaxHeaderLength} characters.");
        }

        byte[] json;
        try
        {
            json = Convert.FromBase64String(header.Trim());
        }
        catch (FormatException e)
        {
            throw new FormatException($"{Header} is not Base64.", e);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{Header} holds no claims list.");
            }

            var nameType = Text(root, "name_typ");
            var roleType = Text(root, "role_typ");
            var list = new List<(string Type, string Value)>();
            foreach (var c in claims.EnumerateArray())
            {
                if (Text(c, "typ") is { } typ && Text(c, "val") is { } val)
                {
                    list.Add((typ, val));
                }
            }

            string? First(params string?[] types) =>
                types.Where(t => t is not null).Select(t => list.FirstOrDefault(c => c.Type == t).Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
            var roles = list.Where(c => c.Type == roleType || c.Type is "roles" or RoleMapped)
                .Select(c => c.Value.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return new Principal(First(nameType, "preferred_username", "name"), First("oid", ObjectIdMapped), roles);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{Header} is not JSON.", e);
        }
    }

    /// <summary>Builds a header value (for tests and local tools): the claims as App Service sends them.</summary>
    public static string Encode(string? name, string? objectId, IEnumerable<string> roles)
    {
        var claims = new List<Dictionary<string, string>>();
        if (name is not null)
        {
            claims.Add(new() { ["typ"] = "preferred_username", ["val"] = name });
        }

        if (objectId is not null)
        {
            claims.Add(new() { ["typ"] = ObjectIdMapped, ["val"] = objectId });
        }

        claims.AddRange(roles.Select(r => new Dictionary<string, string> { ["typ"] = "roles", ["val"] = r }));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("auth_typ", "aad");
            writer.WriteStartArray("claims");
            foreach (var c in claims)
            {
                writer.WriteStartObject();
                writer.WriteString("typ", c["typ"]);
                writer.WriteString("val", c["val"]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("name_typ", "preferred_username");
            writer.WriteString("role_typ", "roles");
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
