using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;
using static HealthFunctions.Tests.Accounts.WorkspaceApi;

namespace HealthFunctions.Tests.Rescoring;

/// <summary>
/// Percentile normalizers and segment-median fill in the pipeline: a full rescore samples each segment's raw values while
/// it streams and stores them; the next runs score with them (yesterday's population).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SegmentPopulationPipelineTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private const string Model = """
        { "version": "population-test-1", "minimumCoverage": 0, "missingData": "segmentMedian",
          "components": [ { "name": "main", "metrics": [
            { "name": "usage", "weight": 1, "window": 30, "aggregation": "latest", "normalizer": { "type": "percentile" } },
            { "name": "nps", "weight": 1, "window": 30, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 10 } } ] } ],
          "segments": { "SMB": { "weights": {} } } }
        """;

    [Fact]
    public async Task PercentilesAndMedianFill_UseThePopulationTheLastFullRescoreSampled()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hf-population-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Model);
        try
        {
            await using var app = new PipelineApp(azurite, Day1, new Dictionary<string, string?> { ["HealthFunctions:ModelPath"] = path });
            using var http = app.CreateClient();
            foreach (var (id, usage) in new[] { ("a", 10.0), ("b", 20.0), ("c", 30.0), ("d", double.NaN) })
            {
                await PutAsync(http, id, new { segment = "SMB" });
                var signals = new List<object> { new { accountId = id, metric = "nps", value = 5, timestamp = Day1, eventId = id + "-nps" } };
                if (!double.IsNaN(usage))
                {
                    signals.Add(new { accountId = id, metric = "usage", value = usage, timestamp = Day1, eventId = id + "-usage" });
                }

                await SignalsAsync(http, [.. signals]);
            }

            // Day 1: no population yet, so the percentile metric has no score and nothing is median-filled.
            await RescoreAsync(http);
            var first = Metric(await GetAsync(http, "/api/accounts/b/health"), "usage");
            Assert.Equal(20, first.GetProperty("raw").GetDouble());
            Assert.False(first.TryGetProperty("normalized", out _));
            Assert.Equal("Missing", Metric(await GetAsync(http, "/api/accounts/d/health"), "usage").GetProperty("source").GetString());

            // Day 2: scored against day 1's sample of the segment (10, 20, 30).
            app.Clock.Set(Day1.AddDays(1));
            await RescoreAsync(http);
            Assert.Equal(16.67, Metric(await GetAsync(http, "/api/accounts/a/health"), "usage").GetProperty("normalized").GetDouble());
            Assert.Equal(50, Metric(await GetAsync(http, "/api/accounts/b/health"), "usage").GetProperty("normalized").GetDouble());
            Assert.Equal(83.33, Metric(await GetAsync(http, "/api/accounts/c/health"), "usage").GetProperty("normalized").GetDouble());
            var filled = Metric(await GetAsync(http, "/api/accounts/d/health"), "usage");
            Assert.Equal("SegmentMedian", filled.GetProperty("source").GetString());
            Assert.Equal(20, filled.GetProperty("raw").GetDouble());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static JsonElement Metric(JsonElement health, string name) =>
        health.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);
}
