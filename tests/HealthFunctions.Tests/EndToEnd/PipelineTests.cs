using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.EndToEnd;

/// <summary>The whole pipeline in local mode against Azurite: webhooks, rescoring, the bus, playbook tasks.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PipelineTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GreenThenRed_RecordsTierDrop_PublishesOneMessage_CreatesOneRecoveryTask_AndRerunChangesNothing()
    {
        await using var app = new PipelineApp(azurite, Day1);
        using var http = app.CreateClient();

        var put = await http.PutAsJsonAsync("/api/accounts/acme", new { name = "Acme", segment = "MidMarket", lifecycleStage = "mature", arr = 120000, owner = "dana" });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var green = await http.PostAsJsonAsync("/api/signals", new { signals = Signals.Green("acme", Day1) });
        Assert.Equal(HttpStatusCode.Accepted, green.StatusCode);
        var greenBody = await green.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Signals.Green("acme", Day1).Length, greenBody.GetProperty("accepted").GetInt32());

        var first = await Rescore(http);
        Assert.Equal(1, first.GetProperty("scored").GetInt32());
        var health1 = await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme/health");
        Assert.Equal("Green", health1.GetProperty("tier").GetString());

        var day2 = Day1.AddDays(1);
        app.Clock.Set(day2);
        var red = await http.PostAsJsonAsync("/api/signals", Signals.Red("acme", day2));
        Assert.Equal(HttpStatusCode.Accepted, red.StatusCode);
        var second = await Rescore(http);
        Assert.Equal(1, second.GetProperty("transitions").GetInt32());

        var health2 = await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme/health");
        Assert.Equal("Red", health2.GetProperty("tier").GetString());
        Assert.Equal("Green", health2.GetProperty("previousTier").GetString());
        Assert.Equal("tier-drop", health2.GetProperty("change").GetString());
        Assert.NotEqual(0, health2.GetProperty("drivers").GetArrayLength());

        var history = await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme/health/history?days=7");
        var rows = history.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Green", "Red"], rows.Select(r => r.GetProperty("tier").GetString()));
        Assert.Equal("tier-drop", rows[1].GetProperty("change").GetString());

        // The score-change message is on the bus (the downstream subscription sees every change).
        var downstream = await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);
        var change = Assert.Single(downstream);
        Assert.Equal("tier-drop", change.ApplicationProperties["kind"]);
        var cloudEvent = JsonDocument.Parse(change.Body).RootElement;
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal("acme", cloudEvent.GetProperty("subject").GetString());
        Assert.Equal(change.MessageId, cloudEvent.GetProperty("id").GetString());
        Assert.Equal("application/json", cloudEvent.GetProperty("datacontenttype").GetString());
        Assert.Equal("tier-drop", cloudEvent.GetProperty("data").GetProperty("kind").GetString());

        // DispatchPlaybooks drains the playbooks subscription and creates exactly one recovery task.
        await app.RunTimerAsync("DispatchPlaybooks");
        var task = Assert.Single(await ListTasksAsync(http, "acme"));
        Assert.Equal("red-recovery", task.GetProperty("playbook").GetString());
        Assert.Equal("dana", task.GetProperty("owner").GetString());
        Assert.Equal(3, task.GetProperty("steps").GetArrayLength());

        // A rerun for the same day changes nothing and sends nothing.
        var rerun = await Rescore(http);
        Assert.Equal(0, rerun.GetProperty("scored").GetInt32());
        Assert.Equal(0, rerun.GetProperty("transitions").GetInt32());
        Assert.Empty(await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription));

        // A redelivered message (the broker delivering it again) creates no second task.
        await BusQueues.Queue(app, "playbooks").SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(change, AppJson.Default.LocalEnvelope)));
        await app.RunTimerAsync("DispatchPlaybooks");
        Assert.Single(await ListTasksAsync(http, "acme"));
        Assert.Equal(0, (await BusQueues.Queue(app, "playbooks").GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private static async Task<JsonElement> Rescore(HttpClient http)
    {
        var response = await http.PostAsync("/api/ops/rescore", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> ListTasksAsync(HttpClient http, string accountId)
    {
        var body = await http.GetFromJsonAsync<JsonElement>($"/api/tasks?accountId={accountId}");
        return body.GetProperty("tasks").EnumerateArray().ToList();
    }
}
