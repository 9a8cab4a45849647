using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using HealthFunctions.Ingestion;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Storage;

/// <summary>Signal history beyond the live window: month rows, reading them back consistently, retention, and the backfill flag.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SignalHistoryStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private StorageSpace _space = null!;
    private ManualClock _clock = null!;
    private AccountStore _store = null!;

    public async Task InitializeAsync()
    {
        _space = await StorageSpace.CreateAsync(azurite);
        _clock = new ManualClock(Now);
        _store = new AccountStore(_space.Tables, _space.Names, _clock, new ConflictBackoff(), new SignalRetention(1000));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private TableClient Accounts => _space.Tables.GetTableClient(_space.Names.Accounts);

    private static Signal At(string account, string metric, double value, DateTimeOffset at, string? eventId = null) =>
        new(account, metric, value, at, eventId ?? $"{metric}-{at.UtcTicks}", "test");

    private async Task<List<string>> MonthRowsAsync(string account)
    {
        var rows = new List<string>();
        var prefix = AccountKeys.MonthPrefix + account + "|";
        await foreach (var e in Accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AccountKeys.Shard(account)}")))
        {
            if (e.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                rows.Add(e.RowKey[prefix.Length..]);
            }
        }

        return rows;
    }

    [Fact]
    public async Task BackfilledMonths_GoToMonthRows_AndReadBackWithTheLiveOnes()
    {
        var weekly = Enumerable.Range(0, 100).Select(w => At("hist", "logins", w, Now.AddDays(-7 * w))).ToList();

        await _store.ApplySignalsAsync("hist", weekly, CancellationToken.None);

        var row = (await _store.GetAsync("hist", CancellationToken.None))!;
        var all = (await _store.ReadSignalsAsync("hist", DateOnly.MinValue, CancellationToken.None))!.State;
        Assert.Equal(100, all.Buckets("logins").Count);
        Assert.Equal(Enumerable.Range(0, 100).Sum(), all.Buckets("logins").Sum(b => b.Sum));
        // The account row holds the live window; every older month has a row of its own.
        var liveFrom = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-179);
        Assert.All(row.State.Decode().Buckets("logins"), b => Assert.True(b.Day >= new DateOnly(liveFrom.Year, liveFrom.Month, 1)));
        Assert.Equal(row.Paged.Months.Select(m => m.Key), (await MonthRowsAsync("hist")).Order(StringComparer.Ordinal));
        Assert.True(row.Paged.Count >= 15, $"{row.Paged.Count} month rows");
        var slice = (await _store.ReadSignalsAsync("hist", new DateOnly(2026, 1, 1), CancellationToken.None))!.State;
        Assert.All(slice.Buckets("logins"), b => Assert.True(b.Day >= new DateOnly(2026, 1, 1)));

        // Redelivered: every event id is known, nothing changes.
        Assert.Equal((0, 100), await _store.ApplySignalsAsync("hist", weekly, CancellationToken.None));
    }

    [Fact]
    public async Task MonthRows_PastRetention_AreDeletedByLaterWrites()
    {
        await _store.ApplySignalsAsync("old", Enumerable.Range(0, 30).Select(m => At("old", "nps", 7, Now.AddDays(-990 + (m * 10)))).ToList(), CancellationToken.None);
        var before = await MonthRowsAsync("old");

        _clock.Advance(TimeSpan.FromDays(200));
        await _store.ApplySignalsAsync("old", [At("old", "nps", 9, _clock.GetUtcNow())], CancellationToken.None);

        var after = await MonthRowsAsync("old");
        var oldest = StateMonth.Of(DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(-1000));
        Assert.NotEmpty(before);
        Assert.True(after.Count < before.Count, $"{before.Count} month rows before, {after.Count} after");
        Assert.All(after, key => Assert.True(StateMonth.Parse(key)!.Value >= oldest, key));
        var row = (await _store.GetAsync("old", CancellationToken.None))!;
        Assert.Equal(after.Order(StringComparer.Ordinal), row.Paged.Months.Select(m => m.Key));
    }

    [Fact]
    public async Task AnIdThatExtendsAnother_NeverReadsItsMonthRows()
    {
        // In a's shard, "m|a|2024x..|202506" sorts between "m|a|202403" and "m|a|202506", the range of a's month rows.
        var other = Enumerable.Range(0, 10_000).Select(i => $"a|2024x{i}").First(id => AccountKeys.Shard(id) == AccountKeys.Shard("a"));
        var march = new DateTimeOffset(2024, 3, 15, 9, 0, 0, TimeSpan.Zero);
        var june = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.Zero);
        await _store.ApplySignalsAsync("a", [At("a", "logins", 1, march), At("a", "logins", 2, june)], CancellationToken.None);
        await _store.ApplySignalsAsync(other, [At(other, "logins", 50, june.AddDays(-5))], CancellationToken.None);
        await _store.ApplySignalsAsync(other, [At(other, "logins", 50, june.AddDays(-4))], CancellationToken.None);

        var a = (await _store.ReadSignalsAsync("a", DateOnly.MinValue, CancellationToken.None))!.State;

        Assert.Equal(3, a.Buckets("logins").Sum(b => b.Sum));
    }

    [Fact]
    public async Task ConcurrentBackfills_OfOneAccount_KeepEverySignal()
    {
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(() => _store.ApplySignalsAsync("busy-hist",
            Enumerable.Range(0, 40).Select(i => At("busy-hist", "logins", 1, Now.AddDays(-(w * 97) - (i * 13)), $"w{w}-{i}")).ToList(), CancellationToken.None)));

        var results = await Task.WhenAll(writers);

        Assert.Equal(240, results.Sum(r => r.Accepted));
        var all = (await _store.ReadSignalsAsync("busy-hist", DateOnly.MinValue, CancellationToken.None))!.State;
        Assert.Equal(240, all.Buckets("logins").Sum(b => b.Count));
    }

    [Fact]
    public async Task RescoreAsOfAPastDay_ReadsTheMonthRowsThatDayReaches()
    {
        await using var app = new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["HealthFunctions:SignalRetentionDays"] = "1000" });
        using var http = app.CreateClient();
        var day = Now.AddDays(-300);
        string[] metrics = ["logins", "active_users_pct", "feature_adoption_pct", "nps", "csat"];
        var signals = metrics.Select(m => new { accountId = "past", metric = m, value = m == "csat" ? 4 : 8, timestamp = day.AddDays(-3) }).ToArray();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/signals?backfill=true", signals)).StatusCode);

        var rescored = await http.PostAsync($"/api/ops/rescore?asOf={day:yyyy-MM-dd}", null);

        Assert.Equal(HttpStatusCode.OK, rescored.StatusCode);
        var history = await http.GetFromJsonAsync<JsonElement>("/api/accounts/past/health/history?days=400");
        var point = Assert.Single(history.GetProperty("history").EnumerateArray());
        Assert.Equal(day.ToString("yyyy-MM-dd"), point.GetProperty("day").GetString());
        Assert.True(point.GetProperty("score").GetDouble() > 0, point.ToString()); // the signals of three days before, in a month row
    }

    [Fact]
    public async Task OldTimestamps_NeedTheBackfillFlag_AndStayWithinRetention()
    {
        await using var app = new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["HealthFunctions:SignalRetentionDays"] = "1000" });
        using var http = app.CreateClient();
        var old = new { accountId = "bf", metric = "logins", value = 3, timestamp = Now.AddDays(-700) };
        var tooOld = new { accountId = "bf", metric = "logins", value = 3, timestamp = Now.AddDays(-1001) };

        var ordinary = await http.PostAsJsonAsync("/api/signals", old);
        var backfill = await http.PostAsJsonAsync("/api/signals?backfill=true", old);
        var beyond = await http.PostAsJsonAsync("/api/signals?backfill=true", new[] { old, tooOld });
        var badFlag = await http.PostAsJsonAsync("/api/signals?backfill=maybe", old);

        Assert.Equal(HttpStatusCode.BadRequest, ordinary.StatusCode);
        Assert.Contains("backfill=true", (await ordinary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, backfill.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        var problem = await beyond.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("[1].timestamp", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("HealthFunctions__SignalRetentionDays", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFlag.StatusCode);
    }
}
