using System.Net.Sockets;
using System.Text;
using HealthFunctions.Local;
using HealthFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HealthFunctions.Tests.Support;

/// <summary>
/// The local runner on a real Kestrel listener (as run.sh starts it), against the collection's Azurite with a storage
/// prefix of its own and timers that never fire; requests can be sent as raw bytes, exactly as a client wrote them.
/// </summary>
public sealed class KestrelRunner : IAsyncDisposable
{
    private const string Never = "0 0 0 1 1 *";

    private KestrelRunner(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>The runner's arguments: storage, a fresh prefix, timers that never fire, and <paramref name="urls"/>.</summary>
    public static string[] Arguments(AzuriteFixture azurite, string urls, params string[] more) =>
        Arguments(azurite, urls, "k" + Guid.NewGuid().ToString("N")[..10], more);

    /// <summary>The runner's arguments with the storage prefix <paramref name="prefix"/>.</summary>
    public static string[] Arguments(AzuriteFixture azurite, string urls, string prefix, string[] more) =>
    [
        "--urls", urls,
        "--HealthStorage", azurite.ConnectionString,
        "--HealthFunctions:StoragePrefix", prefix,
        "--RescoreSchedule", Never, "--DirtyRescoreSchedule", Never, "--DispatchSchedule", Never, "--JobsSchedule", Never, "--CleanupSchedule", Never, "--AlertsSchedule", Never,
        .. more,
    ];

    /// <summary>Starts the runner on a free loopback port.</summary>
    public static async Task<KestrelRunner> StartAsync(AzuriteFixture azurite, params string[] more)
    {
        var app = LocalRunner.Build(Arguments(azurite, "http://127.0.0.1:0", more));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelRunner(app, new Uri(address));
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="target"/> byte for byte (no client normalizes it); returns the status and the body.</summary>
    public async Task<(int Status, string Body)> RawAsync(string method, string target, string? jsonBody = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Address.Host, Address.Port);
        await using var stream = client.GetStream();
        var body = jsonBody is null ? [] : Encoding.UTF8.GetBytes(jsonBody);
        var head = $"{method} {target} HTTP/1.1\r\nHost: {Address.Authority}\r\nConnection: close\r\n"
            + (jsonBody is null ? "" : $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, split < 0 ? "" : response[(split + 4)..]);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
