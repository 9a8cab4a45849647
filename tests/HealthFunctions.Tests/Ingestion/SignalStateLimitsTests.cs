using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Ingestion;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Ingestion;

/// <summary>
/// Issue #14, findings 2 and 3: an account filled to the documented limits (200 metrics, a value every day of the live
/// 180 days, values that take the most bytes) still takes writes; and a 400 means nothing of the request was stored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SignalStateLimitsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static async Task PostAsync(HttpClient http, IEnumerable<object> signals, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var response = await http.PostAsJsonAsync("/api/signals", new { signals = signals.ToArray() });
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task AccountAtTheDocumentedLimits_KeepsTakingWrites_AndReadsBackEverySignal()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var store = app.Services.GetRequiredService<AccountStore>();
        // Two values a day with fractions: every bucket keeps count, sum, min, max and last as 8-byte numbers. Stored
        // through the store without event ids (an HTTP post would add a dedupe marker per signal, slow and beside the point).
        var signals = Enumerable.Range(0, 180).SelectMany(d => Enumerable.Range(0, SignalState.MaxMetrics).SelectMany(m => new[]
        {
            new Signal("full", $"metric_{m:D3}", (m * 1000) + d + (1 / 3.0), Now.AddDays(-d).AddHours(-1), null, null),
            new Signal("full", $"metric_{m:D3}", (m * 1000) + d + (1 / 7.0), Now.AddDays(-d).AddHours(-2), null, null),
        })).ToList();
        foreach (var post in signals.Chunk(2000))
        {
            await store.ApplySignalsAsync("full", post, CancellationToken.None);
        }

        // One more write to the full account, and a rescore that reads all of it.
        await PostAsync(http, [new { accountId = "full", metric = "metric_007", value = 1.5, timestamp = Now }]);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/ops/rescore", null)).StatusCode);

        var state = (await store.ReadSignalsAsync("full", DateOnly.MinValue, CancellationToken.None))!.State;
        Assert.Equal(SignalState.MaxMetrics, state.MetricCount);
        Assert.Equal(2 * 180 * SignalState.MaxMetrics + 1, state.Metrics.Sum(m => state.Buckets(m).Sum(b => b.Count)));
        Assert.Equal(180, state.Buckets("metric_199").Count);
        // The account row kept what fits; the older live months went to month rows of their own.
        var row = await app.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>()
            .GetTableClient(app.Services.GetRequiredService<TableNames>().Accounts)
            .GetEntityAsync<Azure.Data.Tables.TableEntity>(AccountKeys.Shard("full"), AccountKeys.AccountRow("full"));
        Assert.InRange(row.Value.GetInt32("StateChunks")!.Value, 1, StateLayout.InlineBytes / AccountEntityMapper.ChunkBytes);
        Assert.NotEmpty(PagedMonths.Decode(row.Value.GetString("Paged")).Months);
        var health = await http.GetFromJsonAsync<JsonElement>("/api/accounts/full/health");
        Assert.Equal("full", health.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task RequestThatWouldPassTheMetricLimit_InALaterChunk_Is400_AndStoresNothing()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await PostAsync(http, Enumerable.Range(0, 150).Select(m => new { accountId = "limit", metric = $"m{m:D3}", value = 1, timestamp = Now, eventId = $"seed-{m}" }));
        var store = app.Services.GetRequiredService<AccountStore>();
        var before = await store.GetAsync("limit", CancellationToken.None);

        // 98 signals of a known metric (one transaction's worth of event markers), then 60 new metrics: 210 in all.
        var request = Enumerable.Range(0, 98).Select(i => (object)new { accountId = "limit", metric = "m000", value = 2, timestamp = Now.AddMinutes(-i), eventId = $"known-{i}" })
            .Concat(Enumerable.Range(0, 60).Select(m => new { accountId = "limit", metric = $"new{m:D2}", value = 3, timestamp = Now, eventId = $"new-{m}" }));
        var response = await http.PostAsJsonAsync("/api/signals", new { signals = request.ToArray() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("200", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        var after = await store.GetAsync("limit", CancellationToken.None);
        Assert.Equal(before!.StateVersion, after!.StateVersion);
        Assert.Equal(150, after.State.Decode().MetricCount);
        // None of the request's event ids was recorded: posting the first 98 alone stores them all.
        var again = await http.PostAsJsonAsync("/api/signals", new { signals = request.Take(98).ToArray() });
        Assert.Equal(98, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
    }
}
