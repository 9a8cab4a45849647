using System.Net;
using System.Net.Http.Json;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Ingestion;

/// <summary>
/// One hot account: 32 senders post to it at once, through one instance or spread over two that share the storage;
/// every post is accepted (no 503 for losing ETag races) and every signal is stored. In one instance writers of the
/// account take turns; across instances a loser backs off with jitter (the app's own back-off, not replaced here).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HotAccountTests(AzuriteFixture azurite)
{
    private const int Senders = 32, PostsEach = 20;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ThirtyTwoSendersOnOneAccount_EveryPostIsAccepted_AndEverySignalIsStored(int instances)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var apps = Enumerable.Range(0, instances)
            .Select(_ => new PipelineApp(azurite, Now, new Dictionary<string, string?> { ["HealthFunctions:StoragePrefix"] = prefix }))
            .ToList();
        try
        {
            var clients = apps.Select(a => a.CreateClient()).ToList();
            var statuses = await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                var http = clients[sender % instances];
                var seen = new List<HttpStatusCode>();
                for (var i = 0; i < PostsEach; i++)
                {
                    var signal = new { accountId = "hot", metric = "logins", value = 1, eventId = $"hot-{sender}-{i}" };
                    seen.Add((await http.PostAsJsonAsync("/api/signals", new[] { signal })).StatusCode);
                }

                return seen;
            })));

            var all = statuses.SelectMany(s => s).ToList();
            Assert.True(all.All(s => s == HttpStatusCode.Accepted), string.Join(", ", all.GroupBy(s => (int)s).Select(g => $"{g.Key}: {g.Count()}")));
            var account = await apps[0].Services.GetRequiredService<AccountStore>().GetAsync("hot", CancellationToken.None);
            Assert.Equal(Senders * PostsEach, account!.State.Decode().Buckets("logins").Sum(b => b.Count));
            Assert.Equal(Senders * PostsEach, account.StateVersion);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
