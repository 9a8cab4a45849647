using System.Net.Http.Headers;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>Posts signed deliveries to a test app and reads back what was stored.</summary>
public static class WebhookClient
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string source, byte[] body, IReadOnlyDictionary<string, string> headers,
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{source}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return http.SendAsync(request, cancellationToken);
    }

    public static Task<HttpResponseMessage> PostSignedAsync(HttpClient http, PipelineApp app, string source, byte[] body, string? webhookId = null) =>
        PostAsync(http, source, body, WebhookSigner.Headers(source, body, app.Clock.GetUtcNow(), webhookId));

    /// <summary>How many signals of a metric the account holds (0 when the account does not exist).</summary>
    public static async Task<int> CountAsync(PipelineApp app, string accountId, string metric)
    {
        var record = await app.Services.GetRequiredService<AccountStore>().GetAsync(accountId, CancellationToken.None);
        return record?.State.Decode().Buckets(metric).Sum(b => b.Count) ?? 0;
    }
}
