using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using HealthFunctions.Messaging;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Storage;
using HealthFunctions.Tests.EndToEnd;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Messaging;

/// <summary>
/// A rescore dies after publishing its score changes and before writing the scores. The rerun scores the same accounts
/// again and publishes the same changes under the same message ids, which the topic's duplicate detection (emulated by
/// the local bus) drops: downstream sees each change once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashRerunTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Accounts = ["crash-a", "crash-b", "crash-c", "crash-d"];

    [Fact]
    public async Task CrashBetweenPublishAndWrite_RerunRepublishesTheSameIds_AndNoDuplicateReachesDownstream()
    {
        var crash = new FailBatchesWhileArmed();
        await using var app = new PipelineApp(azurite, Day1, services: TablesWithPolicy.InApp(azurite, crash, maxRetries: 0));
        using var http = app.CreateClient();
        foreach (var account in Accounts)
        {
            await Signals.PostAsync(http, Signals.Green(account, Day1));
        }

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/ops/rescore", null)).StatusCode);
        var day2 = Day1.AddDays(1);
        app.Clock.Set(day2);
        foreach (var account in Accounts)
        {
            await Signals.PostAsync(http, Signals.Red(account, day2));
        }

        crash.Armed = true;
        var crashed = await http.PostAsync("/api/ops/rescore", null);
        crash.Armed = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, crashed.StatusCode);
        var expected = Accounts.Select(a => ScoreChangedEvent.IdFor(a, DateOnly.FromDateTime(day2.UtcDateTime), "tier-drop:Green:Red:signals")).Order().ToList();
        var afterCrash = await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);
        Assert.Equal(expected, afterCrash.Select(m => m.MessageId).Order());
        Assert.Equal(expected, await RememberedIdsAsync(app));

        var rerun = await http.PostAsync("/api/ops/rescore", null);

        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        var summary = await rerun.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((Accounts.Length, Accounts.Length), (summary.GetProperty("scored").GetInt32(), summary.GetProperty("transitions").GetInt32()));
        Assert.Empty(await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription)); // republished, and dropped as duplicates
        Assert.Equal(expected, await RememberedIdsAsync(app)); // no id other than the crashed run's was sent
        foreach (var account in Accounts)
        {
            var health = await http.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/health");
            Assert.Equal(("Red", "tier-drop"), (health.GetProperty("tier").GetString(), health.GetProperty("change").GetString()));
        }
    }

    /// <summary>The message ids the local topic has seen (its duplicate-detection table).</summary>
    private static async Task<List<string>> RememberedIdsAsync(PipelineApp app)
    {
        var table = app.Services.GetRequiredService<TableServiceClient>().GetTableClient(app.Services.GetRequiredService<TableNames>().LocalBusMessageIds);
        var ids = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>())
        {
            ids.Add(e.GetString("MessageId"));
        }

        return [.. ids.Order()];
    }
}
