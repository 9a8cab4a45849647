using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthFunctions.Tests.Alerts;

/// <summary>
/// A local stand-in for Slack's and Teams' webhooks: an HTTP server on a free loopback port that keeps every JSON body
/// posted to /slack and /teams, and can be told to fail (any status, with a Retry-After) for the next requests to a path,
/// or until it is told to recover.
/// </summary>
public sealed class FakeReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, JsonNode Body)> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<string, (int Status, int Remaining, string? RetryAfter)> _failing = new();

    private FakeReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public Uri Slack => new(Url, "/slack");

    public Uri Teams => new(Url, "/teams");

    public static async Task<FakeReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new FakeReceiver(app);
        app.MapPost("/{destination}", async (string destination, HttpRequest request) =>
        {
            receiver._attempts.AddOrUpdate(destination, 1, (_, n) => n + 1);
            if (receiver._failing.TryGetValue(destination, out var f) && f.Remaining != 0)
            {
                receiver._failing[destination] = f with { Remaining = f.Remaining - 1 };
                if (f.RetryAfter is not null)
                {
                    request.HttpContext.Response.Headers.RetryAfter = f.RetryAfter;
                }

                return Results.Text("failing on purpose", statusCode: f.Status);
            }

            var body = await JsonNode.ParseAsync(request.Body);
            receiver._accepted.Enqueue((destination, body!));
            return Results.Text("ok");
        });
        await app.StartAsync();
        receiver.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    /// <summary>Answers <paramref name="status"/> to the next <paramref name="times"/> requests to the path (-1: until <see cref="Recover"/>).</summary>
    public void Fail(string destination, int status = 500, int times = -1, string? retryAfter = null) => _failing[destination] = (status, times, retryAfter);

    /// <summary>Answers 200 again.</summary>
    public void Recover() => _failing.Clear();

    /// <summary>The bodies accepted (2xx) at a path, in order.</summary>
    public IReadOnlyList<JsonNode> Accepted(string destination) => _accepted.Where(a => a.Path == destination).Select(a => a.Body).ToList();

    /// <summary>Requests made to a path, answered or failed.</summary>
    public int Attempts(string destination) => _attempts.GetValueOrDefault(destination);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
