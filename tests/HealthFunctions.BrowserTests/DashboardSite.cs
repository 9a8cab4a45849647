using System.Net.Http.Json;
using HealthFunctions.Local;
using HealthFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace HealthFunctions.BrowserTests;

/// <summary>
/// One Azurite, the local runner on a free loopback port with a small seeded portfolio (two weeks of daily scores, tier
/// drops and their playbook tasks), and one headless Debian Chromium driven by Playwright, shared by the browser tests.
/// The dirty rescore runs every 2 seconds, so a pulse set on the page counts within seconds, and queued jobs (an
/// activation preview started on the Model page) run within a second; everything else waits for a call.
/// </summary>
public sealed class DashboardSite : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright's own browser download is not used.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private readonly AzuriteFixture _azurite = new();
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's base URL, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public Uri Dashboard => new(BaseUrl, "/api/dashboard/");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's Chromium (apt-get install -y chromium); .ci/run does.");
        }

        await _azurite.InitializeAsync();
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        // Seeded with every timer parked, so the day-by-day rescores run in order (a dirty rescore in between would make
        // them backfills and leave no tier drops); then the runner the tests use, on the same storage, rescores dirty
        // accounts every 2 seconds, so a pulse set on the page counts within seconds.
        await using (var seeding = await StartAsync(prefix, dirtyRescore: Never))
        {
            using var api = new HttpClient { BaseAddress = new Uri(seeding.Url, "/api/") };
            // Jobs run in lanes: RunBacktests takes backtests, RunJobs calibrations (and the rest).
            await Portfolio.SeedAsync(api, DateTimeOffset.UtcNow, async () =>
            {
                await RunTimerAsync(seeding.App, "RunBacktests");
                await RunTimerAsync(seeding.App, "RunJobs");
            });
        }

        var running = await StartAsync(prefix, dirtyRescore: "*/2 * * * * *", jobs: "*/1 * * * * *");
        _app = running.App;
        BaseUrl = running.Url;
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl, "/api/") };

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As on this project's machines: no sandbox as root, no GPU, and nothing that calls out of the machine.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    private const string Never = "0 0 0 1 1 *";

    /// <summary>Runs a timer function of a runner now, as its schedule would.</summary>
    private static async Task RunTimerAsync(WebApplication app, string function)
    {
        var timer = app.Services.GetRequiredService<FunctionCatalog>().Timers.Single(f => f.Name == function);
        using var scope = app.Services.CreateScope();
        await timer.InvokeAsync(scope.ServiceProvider, source => source.Kind == "timer" ? new Microsoft.Azure.Functions.Worker.TimerInfo() : CancellationToken.None);
    }

    private async Task<Runner> StartAsync(string prefix, string dirtyRescore, string jobs = Never)
    {
        var app = LocalRunner.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--HealthStorage", _azurite.ConnectionString,
            "--HealthFunctions:StoragePrefix", prefix,
            "--RescoreSchedule", Never,
            "--DirtyRescoreSchedule", dirtyRescore,
            "--DispatchSchedule", Never,
            "--AlertsSchedule", Never,
            "--JobsSchedule", jobs,
            "--CleanupSchedule", Never,
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Runner(app, new Uri(address));
    }

    private sealed record Runner(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    /// <summary>A fresh page at laptop size (1366 x 768).</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardSite>
{
    public const string Name = "Dashboard";
}
