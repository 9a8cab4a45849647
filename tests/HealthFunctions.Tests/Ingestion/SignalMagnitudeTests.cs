using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Ingestion;

/// <summary>A value beyond the documented magnitude is refused, and the largest allowed one, posted again and again, keeps its metric in the score.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SignalMagnitudeTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HugeValuePostedTwice_Is400NamingTheValue_AndNothingIsStored()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            var response = await http.PostAsync("/api/signals", JsonContent("""{"accountId":"huge","metric":"logins","value":1e308}"""));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("value", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        }

        Assert.Null(await app.Services.GetRequiredService<AccountStore>().GetAsync("huge", CancellationToken.None));
    }

    [Fact]
    public async Task LargestValuePostedManyTimes_SumsFinite_AndTheMetricStaysInTheScore()
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        var signals = Enumerable.Range(0, 50).Select(i => new { accountId = "big", metric = "logins", value = SignalState.MaxMagnitude, eventId = $"big-{i}" });

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/signals", signals)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/ops/rescore", null)).StatusCode);

        var health = await http.GetFromJsonAsync<JsonElement>("/api/accounts/big/health");
        var logins = health.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "logins");
        Assert.Equal(50 * SignalState.MaxMagnitude, logins.GetProperty("raw").GetDouble());
        Assert.Equal(100, logins.GetProperty("normalized").GetDouble());
        Assert.True(logins.GetProperty("effectiveWeight").GetDouble() > 0);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
