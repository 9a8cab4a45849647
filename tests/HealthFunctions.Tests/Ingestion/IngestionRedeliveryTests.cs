using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Ingestion;

/// <summary>A sender that redelivers a whole batch (a timeout on its side) must get 202 and change nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IngestionRedeliveryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static object[] Batch(int count, int firstId) =>
        Enumerable.Range(firstId, count)
            .Select(i => (object)new { accountId = "redeliver", metric = "logins", value = 1, timestamp = Day.AddMinutes(i % 600), eventId = $"ev-{i}" })
            .ToArray();

    private static async Task<(int Accepted, int Duplicates)> PostAsync(HttpClient http, object[] signals)
    {
        var response = await http.PostAsJsonAsync("/api/signals", signals);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task RedeliveredBatchOfManyEvents_IsAllDuplicates_AndOnlyNewOnesCount()
    {
        await using var app = new PipelineApp(azurite, Day);
        using var http = app.CreateClient();

        Assert.Equal((250, 0), await PostAsync(http, Batch(250, 0)));
        Assert.Equal((0, 250), await PostAsync(http, Batch(250, 0)));

        // Half old, half new, interleaved: each new one counts once.
        var mixed = Batch(100, 150).Concat(Batch(100, 1000)).OrderBy(_ => Guid.NewGuid()).ToArray();
        Assert.Equal((100, 100), await PostAsync(http, mixed));

        var health = await http.GetFromJsonAsync<JsonElement>("/api/accounts/redeliver/health");
        Assert.Equal("redeliver", health.GetProperty("accountId").GetString());
    }
}
