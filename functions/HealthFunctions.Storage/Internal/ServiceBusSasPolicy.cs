using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// Authorizes Service Bus REST calls with a SAS token for the entity URI (the request URI without
/// <c>/messages</c>). The key is used as UTF-8 bytes, not base64-decoded. Tokens are cached until 80% of their life.
/// </summary>
internal sealed class ServiceBusSasPolicy(AzureNamedKeyCredential credential, TimeProvider time, TimeSpan lifetime)
    : HttpPipelineSynchronousPolicy
{
    private readonly Lock _gate = new();
    private (string Audience, string Token, DateTimeOffset RenewAt)? _cached;

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        var path = uri.Path.EndsWith("/messages", StringComparison.Ordinal) ? uri.Path[..^"/messages".Length] : uri.Path;
        var audience = $"{uri.Scheme}://{uri.Host}{path}";
        var now = time.GetUtcNow();
        string token;
        lock (_gate)
        {
            if (_cached is { } c && c.Audience == audience && now < c.RenewAt)
            {
                token = c.Token;
            }
            else
            {
                var (name, key) = credential;
                var expiry = now.Add(lifetime).ToUnixTimeSeconds();
                token = CreateToken(audience, name, key, expiry);
                _cached = (audience, token, now.Add(lifetime * 0.8));
            }
        }

        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, token);
    }

    /// <summary>
    /// <c>SharedAccessSignature sr={enc(uri)}&amp;sig={enc(base64(HMACSHA256(utf8(key), enc(uri)+"\n"+expiry)))}&amp;se={expiry}&amp;skn={name}</c>.
    /// </summary>
    internal static string CreateToken(string audience, string keyName, string key, long expiryUnixSeconds)
    {
        var encodedAudience = WebUtility.UrlEncode(audience);
        var expiry = expiryUnixSeconds.ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedAudience + "\n" + expiry)));
        return $"SharedAccessSignature sr={encodedAudience}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }
}
