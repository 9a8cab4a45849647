using Azure.Core;
using Azure.Core.Pipeline;

namespace HealthFunctions.Storage.Internal;

/// <summary>
/// Signs Table requests with SharedKeyLite: <c>x-ms-date \n /account/path[?comp=...]</c>. Runs once per try so
/// each retry carries a fresh date.
/// </summary>
internal sealed class SharedKeyLitePolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = StorageHeaders.Now();
        message.Request.Headers.SetValue(StorageHeaders.Date, date);
        var signature = credential.Sign(BuildStringToSign(credential.AccountName, date, message.Request.Uri));
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {credential.AccountName}:{signature}");
    }

    internal static string BuildStringToSign(string accountName, string date, RequestUriBuilder uri)
    {
        var comp = CanonicalQuery.Get(uri.Query, "comp");
        return comp is null
            ? $"{date}\n/{accountName}{uri.Path}"
            : $"{date}\n/{accountName}{uri.Path}?comp={comp}";
    }
}
