using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>
/// Storage goes away under load: senders get 503 with Retry-After (never 500, never a hang), and nothing acknowledged
/// is lost. Each phase waits for what the senders have seen (acknowledgements, then 503s, then acknowledgements again),
/// never for a number of seconds, so a slow machine only makes the test take longer.
/// </summary>
[Collection(RestartableAzuriteCollection.Name)]
public sealed class WebhookFaultTests(RestartableAzuriteFixture azurite)
{
    private const int Senders = 4;
    private const int EnoughAcknowledged = 8;

    [Fact]
    public async Task AzuriteStoppedMidLoad_Answers503_AndEveryAcknowledgedDeliveryIsStoredAfterItReturns()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        http.Timeout = Timeout.InfiniteTimeSpan; // a hang shows as a hung test, not as a timing failure
        var tally = new Tally();
        using var stop = new CancellationTokenSource();

        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var account = $"fault-{sender}-{i}";
                var body = Encoding.UTF8.GetBytes(
                    $$$"""{"type":"signal.recorded","timestamp":"2026-11-23T09:59:00Z","data":{"accountId":"{{{account}}}","metric":"fault_events","value":1}}""");
                var response = await WebhookClient.PostSignedAsync(http, app, "standard", body, $"msg_{account}");
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var result = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.Equal(1, result.GetProperty("accepted").GetInt32());
                }

                tally.Record(response.StatusCode, response.Headers.RetryAfter is not null, account);
            }
        })).ToList();
        async Task Until(Func<Tally, bool> condition)
        {
            var reached = tally.When(condition);
            await Task.WhenAny(reached, Task.WhenAll(senders)); // a sender that fails ends the wait (and the test)
            Assert.True(reached.IsCompleted, $"the senders stopped: {tally}");
        }

        await Until(t => t.Acknowledged >= EnoughAcknowledged);
        azurite.StopGracefully();
        var acknowledgedBeforeOutage = tally.Acknowledged;
        await Until(t => t.Unavailable >= Senders);
        await azurite.StartAsync();
        await Until(t => t.Acknowledged >= acknowledgedBeforeOutage + EnoughAcknowledged);
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable], tally.Statuses);
        Assert.Equal(0, tally.UnavailableWithoutRetryAfter);
        foreach (var account in tally.AcknowledgedAccounts)
        {
            Assert.Equal(1, await WebhookClient.CountAsync(app, account, "fault_events"));
        }
    }

    /// <summary>What the senders have seen, and waits for a condition on it.</summary>
    private sealed class Tally
    {
        private readonly object _gate = new();
        private readonly List<string> _acknowledged = [];
        private readonly SortedDictionary<HttpStatusCode, int> _statuses = [];
        private readonly List<(Func<Tally, bool> Condition, TaskCompletionSource Reached)> _waiters = [];
        private int _unavailable;
        private int _withoutRetryAfter;

        public int Acknowledged
        {
            get
            {
                lock (_gate)
                {
                    return _acknowledged.Count;
                }
            }
        }

        public int Unavailable
        {
            get
            {
                lock (_gate)
                {
                    return _unavailable;
                }
            }
        }

        public int UnavailableWithoutRetryAfter
        {
            get
            {
                lock (_gate)
                {
                    return _withoutRetryAfter;
                }
            }
        }

        public IReadOnlyList<HttpStatusCode> Statuses
        {
            get
            {
                lock (_gate)
                {
                    return [.. _statuses.Keys];
                }
            }
        }

        public IReadOnlyList<string> AcknowledgedAccounts
        {
            get
            {
                lock (_gate)
                {
                    return [.. _acknowledged];
                }
            }
        }

        public void Record(HttpStatusCode status, bool retryAfter, string account)
        {
            List<TaskCompletionSource> reached;
            lock (_gate)
            {
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
                if (status == HttpStatusCode.Accepted)
                {
                    _acknowledged.Add(account);
                }
                else if (status == HttpStatusCode.ServiceUnavailable)
                {
                    _unavailable++;
                    _withoutRetryAfter += retryAfter ? 0 : 1;
                }

                reached = _waiters.Where(w => w.Condition(this)).Select(w => w.Reached).ToList();
                _waiters.RemoveAll(w => reached.Contains(w.Reached));
            }

            reached.ForEach(r => r.TrySetResult());
        }

        public Task When(Func<Tally, bool> condition)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (condition(this))
                {
                    return Task.CompletedTask;
                }

                _waiters.Add((condition, reached));
            }

            return reached.Task;
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return string.Join(", ", _statuses.Select(s => $"{(int)s.Key}: {s.Value}"));
            }
        }
    }
}
