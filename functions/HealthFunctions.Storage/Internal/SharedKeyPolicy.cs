using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// Signs Blob and Queue requests with the full SharedKey scheme (Azurite's Blob and Queue do not accept
/// SharedKeyLite). Runs once per try so each retry carries a fresh date.
/// </summary>
internal sealed class SharedKeyPolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    private static readonly string[] s_standardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue(StorageHeaders.Date, StorageHeaders.Now());
        var signature = credential.Sign(BuildStringToSign(credential.AccountName, message.Request));
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {credential.AccountName}:{signature}");
    }

    internal static string BuildStringToSign(string accountName, Request request)
    {
        var sb = new StringBuilder(256);
        sb.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        foreach (var name in s_standardHeaders)
        {
            string? value;
            if (name == "Content-Length")
            {
                value = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
                    ? length.ToString(CultureInfo.InvariantCulture)
                    : null;
            }
            else
            {
                request.Headers.TryGetValue(name, out value);
            }

            sb.Append(value).Append('\n');
        }

        var msHeaders = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in msHeaders)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }

        sb.Append('/').Append(accountName).Append(request.Uri.Path);
        var query = CanonicalQuery.Parse(request.Uri.Query)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in query)
        {
            sb.Append('\n').Append(group.Key).Append(':')
              .AppendJoin(',', group.Select(p => p.Value).OrderBy(v => v, StringComparer.Ordinal));
        }

        return sb.ToString();
    }
}
