using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.Tests.Webhooks;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Rescoring;

/// <summary>
/// Every date an operator or a sender gives is bounded, and a date out of bounds is a 400 naming the field, never a 500:
/// rescore asOf and replay from/to lie within the signal retention (today and the 180 days before), outcome dates from
/// 2000-01-01 to tomorrow, history days from 1 to 400.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DateInputTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = WebhookSigner.Now; // 2026-11-23

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2024-11-22")] // 731 days before today: older than any kept signal (the default retention is 730 days)
    [InlineData("2026-11-24")]
    [InlineData("9999-12-31")]
    [InlineData("2026-11-23T00:00:00Z")]
    [InlineData("")]
    public async Task Rescore_AsOfOutsideTheRetention_Is400NamingAsOf(string asOf)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await PostSignalAsync(http);

        var response = await http.PostAsync($"/api/ops/rescore?asOf={asOf}", null);

        await AssertBadRequestAsync(response, "asOf");
    }

    [Theory]
    [InlineData("2024-11-23")] // the oldest day signals are kept for (730 days, the default retention)
    [InlineData("2026-11-23")]
    public async Task Rescore_AsOfWithinTheRetention_Runs(string asOf)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();
        await PostSignalAsync(http);

        var response = await http.PostAsync($"/api/ops/rescore?asOf={asOf}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(asOf, summary.GetProperty("asOf").GetString());
        Assert.Equal(1, summary.GetProperty("scored").GetInt32());
    }

    [Theory]
    [InlineData("from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("from=2026-05-26&to=2026-05-27", "from")]
    [InlineData("from=2026-11-20&to=9999-12-31", "to")]
    [InlineData("from=2026-11-20&to=0001-01-01", "to")]
    public async Task Replay_FromOrToOutsideTheRetention_Is400NamingTheField(string query, string field)
    {
        await using var app = new PipelineApp(azurite, Now, WebhookSigner.Settings());
        using var http = app.CreateClient();

        var response = await http.PostAsync($"/api/ops/replay?source=stripe&{query}", null);

        await AssertBadRequestAsync(response, field);
    }

    [Fact]
    public async Task RescoreAndReplay_400s_SayWhichWindowHoldsThemAndWhy()
    {
        await using var app = new PipelineApp(azurite, Now, WebhookSigner.Settings());
        using var http = app.CreateClient();

        var rescore = await MessageAsync(await http.PostAsync("/api/ops/rescore?asOf=2020-01-01", null), "asOf");
        var replay = await MessageAsync(await http.PostAsync("/api/ops/replay?source=stripe&from=2020-01-01", null), "from");

        // The rescore is held to the retention (730 days), the replay to the live window (180 days): each says which and
        // why, and the replay names the retention too, so the two numbers no longer contradict each other.
        Assert.Contains("730 days", rescore, StringComparison.Ordinal);
        Assert.Contains("HealthFunctions__SignalRetentionDays", rescore, StringComparison.Ordinal);
        Assert.Contains("180-day live window", replay, StringComparison.Ordinal);
        Assert.Contains("730-day signal retention", replay, StringComparison.Ordinal);
        Assert.Contains("backfill", replay, StringComparison.Ordinal);
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("field").GetString() == field).GetProperty("message").GetString()!;
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    public async Task Outcomes_DateAtTheEdgesOfTheCalendar_Is400NamingTheDate(string date)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        var response = await http.PostAsync("/api/outcomes",
            new StringContent($$"""{"accountId":"a1","date":"{{date}}","outcome":"churned"}""", Encoding.UTF8, "application/json"));

        await AssertBadRequestAsync(response, "date");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("401")]
    [InlineData("-2147483648")]
    [InlineData("99999999999")]
    public async Task History_DaysOutOfRange_Is400NamingDays(string days)
    {
        await using var app = new PipelineApp(azurite, Now);
        using var http = app.CreateClient();

        var response = await http.GetAsync($"/api/accounts/acme/health/history?days={days}");

        await AssertBadRequestAsync(response, "days");
    }

    private static async Task PostSignalAsync(HttpClient http) =>
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/signals", new { accountId = "acme", metric = "nps", value = 9 })).StatusCode);

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains(field, errors);
    }
}
