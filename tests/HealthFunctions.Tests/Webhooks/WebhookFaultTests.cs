using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>Storage goes away under load: senders get 503 with Retry-After (never 500, never a hang), and nothing acknowledged is lost.</summary>
[Collection(RestartableAzuriteCollection.Name)]
public sealed class WebhookFaultTests(RestartableAzuriteFixture azurite)
{
    private const int Senders = 4;

    [Fact]
    public async Task AzuriteStoppedMidLoad_Answers503_AndEveryAcknowledgedDeliveryIsStoredAfterItReturns()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(60);
        var acknowledged = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var slowest = TimeSpan.Zero;
        var retryAfterMissing = 0;
        using var stop = new CancellationTokenSource();

        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var account = $"fault-{sender}-{i}";
                var body = Encoding.UTF8.GetBytes(
                    $$$"""{"type":"signal.recorded","timestamp":"2026-11-23T09:59:00Z","data":{"accountId":"{{{account}}}","metric":"fault_events","value":1}}""");
                var watch = Stopwatch.StartNew();
                var response = await WebhookClient.PostSignedAsync(http, app, "standard", body, $"msg_{account}");
                watch.Stop();
                lock (statuses)
                {
                    slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
                }

                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var result = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.Equal(1, result.GetProperty("accepted").GetInt32());
                    acknowledged.Add(account);
                }
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is null)
                {
                    Interlocked.Increment(ref retryAfterMissing);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var beforeOutage = acknowledged.Count;
        await azurite.RestartAsync(TimeSpan.FromSeconds(12));
        await Task.Delay(TimeSpan.FromSeconds(3));
        stop.Cancel();
        await Task.WhenAll(senders);

        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(beforeOutage > 0, summary);
        Assert.True(statuses.GetValueOrDefault(503) > 0, $"no 503 during the outage: {summary}");
        Assert.Equal([202, 503], statuses.Keys.Order());
        Assert.Equal(0, retryAfterMissing);
        Assert.True(slowest < TimeSpan.FromSeconds(30), $"a request took {slowest}");
        Assert.True(acknowledged.Count > beforeOutage, $"nothing was acknowledged after the restart: {summary}");
        foreach (var account in acknowledged)
        {
            Assert.Equal(1, await WebhookClient.CountAsync(app, account, "fault_events"));
        }
    }
}
