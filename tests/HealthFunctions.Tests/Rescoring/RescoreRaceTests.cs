using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Messaging;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Tests.EndToEnd;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Rescoring;

/// <summary>
/// A user backfills history through /api/signals (Green two weeks ago, Red today), then rescores as of two weeks ago
/// for a baseline, then today. RescoreDirty may run at any point of that (every minute, on its own): whenever it runs,
/// the outcome is the same: today's tier drop is measured against the backfilled baseline, published once under one
/// message id, and gets its task. A dirty pass that scored today before the baseline existed must not hide it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RescoreRaceTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TwoWeeksAgo = Today.AddDays(-14);

    public enum DirtyPass
    {
        Never,
        MidBackfill,
        AfterSignals,
        AfterBaseline,
        EveryStep,
        DuringBaseline,
    }

    [Theory]
    [InlineData(DirtyPass.Never)]
    [InlineData(DirtyPass.MidBackfill)]
    [InlineData(DirtyPass.AfterSignals)]
    [InlineData(DirtyPass.AfterBaseline)]
    [InlineData(DirtyPass.EveryStep)]
    [InlineData(DirtyPass.DuringBaseline)]
    public async Task DirtyRescore_AtAnyPointOfABackfill_LeavesTheSameScoresMessagesAndTasks(DirtyPass when)
    {
        await using var app = new PipelineApp(azurite, Today);
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsJsonAsync("/api/accounts/acme", new { name = "Acme", segment = "MidMarket", lifecycleStage = "mature", owner = "dana" })).StatusCode);
        async Task Dirty(params DirtyPass[] at)
        {
            if (at.Contains(when) || when == DirtyPass.EveryStep)
            {
                await app.RunTimerAsync("RescoreDirty");
            }
        }

        await Signals.PostAsync(http, Signals.Green("acme", TwoWeeksAgo));
        await Dirty(DirtyPass.MidBackfill); // scores today from the Green history alone, with no earlier result
        await Signals.PostAsync(http, Signals.Red("acme", Today));
        await Dirty(DirtyPass.AfterSignals);
        await Task.WhenAll(RescoreAsync(http, $"?asOf={TwoWeeksAgo:yyyy-MM-dd}"), Dirty(DirtyPass.DuringBaseline));
        await Dirty(DirtyPass.AfterBaseline);
        await RescoreAsync(http, "");
        await Dirty();

        await AssertOneTierDropAndOneTaskAsync(app, http);
    }

    [Fact]
    public async Task DirtyPassOnOneInstance_OverlappingABackfillOnAnother_ReadsAgainInsteadOfOverwritingIt()
    {
        // Two instances on one storage. The second one's dirty pass reads the account (no score yet) and scores today
        // with no baseline; just before it writes that score, the first instance's backfill stores the baseline. The
        // dirty pass must then find the row changed, read it again and measure today against the baseline.
        var prefix = new Dictionary<string, string?> { ["HealthFunctions:StoragePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10] };
        await using var app = new PipelineApp(azurite, Today, prefix);
        using var http = app.CreateClient();
        var backfill = new BeforeFirstBatch(() => RescoreAsync(http, $"?asOf={TwoWeeksAgo:yyyy-MM-dd}"));
        await using var other = new PipelineApp(azurite, Today, prefix, services: TablesWithPolicy.InApp(azurite, backfill));
        await Signals.PostAsync(http, Signals.Green("acme", TwoWeeksAgo));
        await Signals.PostAsync(http, Signals.Red("acme", Today));

        await other.RunTimerAsync("RescoreDirty");
        await RescoreAsync(http, "");

        Assert.True(backfill.Ran);
        await AssertOneTierDropAndOneTaskAsync(app, http);
    }

    /// <summary>Runs an action (once) before the first entity-group transaction the client sends: there, a rescore's score write.</summary>
    private sealed class BeforeFirstBatch(Func<Task> action) : HttpPipelinePolicy
    {
        private int _ran;

        public bool Ran => _ran == 1;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (TablesWithPolicy.IsBatch(message) && Interlocked.Exchange(ref _ran, 1) == 0)
            {
                await action();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    private static async Task AssertOneTierDropAndOneTaskAsync(PipelineApp app, HttpClient http)
    {
        var health = await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme/health");
        Assert.Equal(("Red", "Green", "tier-drop"), (health.GetProperty("tier").GetString(), health.GetProperty("previousTier").GetString(), health.GetProperty("change").GetString()));
        Assert.Equal($"{TwoWeeksAgo:yyyy-MM-dd}", health.GetProperty("previousAsOf").GetString());

        var history = (await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme/health/history?days=30")).GetProperty("history").EnumerateArray()
            .Select(r => (r.GetProperty("day").GetString(), r.GetProperty("tier").GetString(), r.GetProperty("change").GetString())).ToList();
        Assert.Equal([($"{TwoWeeksAgo:yyyy-MM-dd}", "Green", "none"), ($"{Today:yyyy-MM-dd}", "Red", "tier-drop")], history);

        var messages = await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription);
        var message = Assert.Single(messages);
        Assert.Equal(ScoreChangedEvent.IdFor("acme", DateOnly.FromDateTime(Today.UtcDateTime), "tier-drop:Green:Red:signals"), message.MessageId);

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/ops/dispatch", null)).StatusCode);
        var tasks = (await http.GetFromJsonAsync<JsonElement>("/api/tasks?accountId=acme")).GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(["red-recovery"], tasks.Select(t => t.GetProperty("playbook").GetString()));
    }

    [Fact]
    public async Task BackfillOfAnOlderDay_AfterTheBaselineExists_ChangesNeitherTheBaselineNorTheMessages()
    {
        await using var app = new PipelineApp(azurite, Today);
        using var http = app.CreateClient();
        await Signals.PostAsync(http, Signals.Green("acme", TwoWeeksAgo.AddDays(-7)));
        await Signals.PostAsync(http, Signals.Green("acme", TwoWeeksAgo));
        await Signals.PostAsync(http, Signals.Red("acme", Today));
        await RescoreAsync(http, $"?asOf={TwoWeeksAgo:yyyy-MM-dd}");
        await RescoreAsync(http, "");
        Assert.Single(await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription));

        var older = await RescoreAsync(http, $"?asOf={TwoWeeksAgo.AddDays(-7):yyyy-MM-dd}");

        Assert.Equal(0, older.GetProperty("transitions").GetInt32());
        Assert.Empty(await BusQueues.DrainAsync(app, LocalTopicSender.DownstreamSubscription));
        var health = await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme/health");
        Assert.Equal($"{TwoWeeksAgo:yyyy-MM-dd}", health.GetProperty("previousAsOf").GetString());
        Assert.Equal("tier-drop", health.GetProperty("change").GetString());
    }

    private static async Task<JsonElement> RescoreAsync(HttpClient http, string query)
    {
        var response = await http.PostAsync("/api/ops/rescore" + query, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
