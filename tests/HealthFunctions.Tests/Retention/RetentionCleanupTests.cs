using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using HealthFunctions.Calibration.Jobs;
using HealthFunctions.Retention;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.Tests.Webhooks;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Retention;

/// <summary>
/// The daily cleanup keeps the rows that have no TTL in Table Storage bounded: under steady traffic (signals with event
/// ids, signed webhooks, parked deliveries, jobs, audited pulses) the counts stop growing once each kind's retention is
/// reached. It is paged, idempotent and resumable, and logs what it removed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetentionCleanupTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings() => new(WebhookSigner.Settings())
    {
        ["HealthFunctions:SignalRetentionDays"] = "180",
        ["HealthFunctions:JobRetentionDays"] = "30",
        ["HealthFunctions:ParkedRetentionDays"] = "30",
        ["HealthFunctions:AuditRetentionDays"] = "60",
    };

    [Fact]
    public async Task SteadyTraffic_KeepsEveryRowCountBounded()
    {
        await using var app = new PipelineApp(azurite, Start, Settings());
        using var http = app.CreateClient();
        app.Clock.Set(Start.AddDays(-1));
        await http.PutAsJsonAsync("/api/accounts/steady", new { name = "Steady" });
        var counts = new List<Dictionary<string, int>>();
        for (var step = 0; step < 20; step++)
        {
            var now = Start.AddDays(20 * step);
            app.Clock.Set(now);
            var signals = Enumerable.Range(0, 5).Select(i => new { accountId = "steady", metric = "logins", value = 10 + i, timestamp = now, eventId = $"s{step}-{i}" }).ToArray();
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/signals", signals)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookClient.PostSignedAsync(http, app, "standard", Webhook(now, 7), $"ok-{step}")).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookClient.PostSignedAsync(http, app, "standard", Webhook(now, 1e308), $"parked-{step}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/accounts/steady/pulse",
                new { value = step % 10, expiresOn = now.AddDays(10).ToString("yyyy-MM-dd") })).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/backtest?leadDays=30", null)).StatusCode);
            await app.RunTimerAsync(JobFunctions.BacktestsName);

            await app.RunTimerAsync(CleanupFunction.Name);

            counts.Add(await CountAsync(app));
        }

        // Markers live 180 + 2 days (ten 20-day steps), claims minutes, jobs and parked deliveries 30 days, audit 60 days.
        var expected = new Dictionary<string, int> { ["markers"] = 6 * 10, ["claims"] = 2, ["jobs"] = 2, ["parked"] = 2, ["audit"] = 4 };
        foreach (var (kind, bound) in expected)
        {
            Assert.All(counts, c => Assert.True(c[kind] <= bound, $"{kind}: {c[kind]} rows, bound {bound}"));
            Assert.All(counts.Skip(12), c => Assert.Equal(bound, c[kind])); // steady: as many go as come
        }
    }

    [Fact]
    public async Task ARunStoppedByItsBudget_CarriesOnWhereItStopped_RemovesEachRowOnce_AndLogsWhatItRemoved()
    {
        var logs = new CapturedLogs();
        await using var app = new PipelineApp(azurite, Start, Settings(), logs.Into);
        var names = app.Services.GetRequiredService<TableNames>();
        var claims = app.Services.GetRequiredService<TableServiceClient>().GetTableClient(names.WebhookDeliveries);
        for (var i = 0; i < 25; i++)
        {
            await claims.AddEntityAsync(new TableEntity("stripe", $"old-{i:D2}") { ["ClaimedAt"] = Start.AddDays(-1) });
        }

        await claims.AddEntityAsync(new TableEntity("stripe", "fresh") { ["ClaimedAt"] = Start.AddMinutes(-1) });
        var cleanup = app.Services.GetRequiredService<RetentionCleanup>();

        var removed = new List<long>();
        IReadOnlyList<SweepResult> run;
        do
        {
            // A zero budget stops each run after one page of 10 rows: the next run carries on from the saved place.
            run = await cleanup.RunAsync(TimeSpan.Zero, CancellationToken.None, pageSize: 10);
            if (run.FirstOrDefault(r => r.Name == "replay-claims") is { } claimsSwept)
            {
                removed.Add(claimsSwept.Removed);
            }
        }
        while (!run.All(r => r.Done) || run.Count < 5);

        Assert.Equal([10L, 20, 25], removed.Distinct()); // a page a run, each row once
        var left = new List<string>();
        await foreach (var e in claims.QueryAsync<TableEntity>())
        {
            left.Add(e.RowKey);
        }

        Assert.Equal(["fresh"], left);
        Assert.Contains(logs.Messages, m => m.StartsWith("Cleanup replay-claims: removed 25 rows", StringComparison.Ordinal));
        var again = await cleanup.RunAsync(TimeSpan.Zero, CancellationToken.None, pageSize: 10); // the same day: nothing to do
        Assert.All(again, r => Assert.True(r.Done));
        Assert.Equal(25, again.Single(r => r.Name == "replay-claims").Removed);
    }

    private static byte[] Webhook(DateTimeOffset at, double value)
    {
        var time = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var number = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            "{\"type\":\"signal.recorded\",\"timestamp\":\"" + time + "\",\"data\":{\"accountId\":\"steady\",\"metric\":\"csm_pulse\",\"value\":" + number + ",\"timestamp\":\"" + time + "\"}}");
    }

    private static async Task<Dictionary<string, int>> CountAsync(PipelineApp app)
    {
        var names = app.Services.GetRequiredService<TableNames>();
        var tables = app.Services.GetRequiredService<TableServiceClient>();
        async Task<int> Count(string table, string? filter = null)
        {
            var n = 0;
            await foreach (var _ in tables.GetTableClient(table).QueryAsync<TableEntity>(filter, select: ["PartitionKey"]))
            {
                n++;
            }

            return n;
        }

        return new Dictionary<string, int>
        {
            ["markers"] = await Count(names.Accounts, "RowKey ge 'e|' and RowKey lt 'e}'"),
            ["claims"] = await Count(names.WebhookDeliveries),
            ["jobs"] = await Count(names.Jobs, "PartitionKey eq 'job'"),
            ["parked"] = await Count(names.WebhookParked),
            ["audit"] = await Count(names.Audit),
        };
    }
}
