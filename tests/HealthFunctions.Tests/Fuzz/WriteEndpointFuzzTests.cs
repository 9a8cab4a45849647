using System.Net.Http.Headers;
using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.Tests.Webhooks;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Fuzz;

/// <summary>
/// Every write endpoint and every webhook source (<see cref="FuzzTargets"/>), driven with hostile input (<see cref="FuzzInput"/>):
/// malformed, deeply nested and wrongly typed JSON, huge numbers, NaN and Infinity as strings, lone surrogates and control
/// characters, characters Table keys forbid, ids of 1 KiB and more, empty bodies, wrong content types and gzip bodies.
/// Never a 5xx; every 2xx is read back from storage; every 4xx leaves what the endpoint writes as it was. Deterministic:
/// one seed, a fixed number of cases, one request at a time against a manual clock.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WriteEndpointFuzzTests(AzuriteFixture azurite)
{
    private const int Seed = 20261128;
    private const int CasesPerTarget = 60;

    [Fact]
    public async Task HostileRequests_NeverGet5xx_EveryAcceptedOneIsStored_AndEveryRefusedOneChangesNothing()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        var run = new FuzzRun(app);
        await run.SeedAsync();
        var random = new Random(Seed);
        var cases = FuzzTargets.All.SelectMany(t => Enumerable.Range(0, CasesPerTarget).Select(i => Generate(random, t, i))).ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cases)); // writes, replays, rescores and drains interleave
        var failures = new List<string>();
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);

        foreach (var c in cases)
        {
            var before = await c.Target.StateOf(run, c);
            using var response = await http.SendAsync(Request(app, c));
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var after = await c.Target.StateOf(run, c);
            var key = $"{c.Target.Name} {status}";
            statuses[key] = statuses.GetValueOrDefault(key) + 1;
            var problem = status switch
            {
                >= 500 => $"answered {status}: {text}",
                >= 200 and < 300 => await c.Target.VerifyAccepted(run, c, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone(), before, after),
                _ => before == after ? null : $"answered {status} but changed what it writes: {before} -> {after}",
            };
            if (problem is not null)
            {
                failures.Add($"{problem}{Environment.NewLine}    {c}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(8))}");
        foreach (var target in FuzzTargets.All)
        {
            // Each endpoint both stored something (so the read-back checks ran) and refused something.
            Assert.True(statuses.Any(s => s.Key.StartsWith(target.Name + " 2", StringComparison.Ordinal)), $"{target.Name} stored nothing");
            Assert.True(!target.TakesInput || statuses.Any(s => s.Key.StartsWith(target.Name + " 4", StringComparison.Ordinal)), $"{target.Name} refused nothing");
        }
    }

    private static FuzzCase Generate(Random random, FuzzTarget target, int index)
    {
        var path = target.Path(random);
        var webhookId = $"fz-msg-{random.Next(CasesPerTarget * 2)}";
        if (target.Seed is null)
        {
            // No body is read: send none, or anything.
            var junk = random.Next(3) == 0 ? FuzzInput.Mutate(random, "{}"u8.ToArray()) : null;
            return new FuzzCase(target, path, junk, junk is null ? null : "application/json", false, webhookId);
        }

        var seed = target.Seed(random);
        // The first case of each target is its seed as it is, so that every target is read back at least once.
        var body = index == 0 || target.SeedContentType != "application/json" && random.Next(2) == 0 ? seed : FuzzInput.Mutate(random, seed);
        var contentType = random.Next(8) == 0 && index > 0 ? FuzzInput.WrongContentTypes[random.Next(FuzzInput.WrongContentTypes.Length)] : target.SeedContentType;
        var gzip = index > 0 && random.Next(15) == 0;
        return new FuzzCase(target, path, gzip ? FuzzInput.Gzip(body) : body, contentType, gzip, webhookId);
    }

    private static HttpRequestMessage Request(PipelineApp app, FuzzCase c)
    {
        var request = new HttpRequestMessage(c.Target.Method, c.Path);
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            request.Content.Headers.ContentType = c.ContentType is null ? null : MediaTypeHeaderValue.Parse(c.ContentType);
            if (c.Gzip)
            {
                request.Content.Headers.ContentEncoding.Add("gzip");
            }
        }

        if (c.Target.WebhookSource is { } source)
        {
            foreach (var (name, value) in WebhookSigner.Headers(source, c.Body ?? [], app.Clock.GetUtcNow(), c.WebhookId))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
