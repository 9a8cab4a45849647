using HealthFunctions.Local;
using HealthFunctions.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthFunctions.Tests.Support;

/// <summary>
/// The real function classes in the local runner, on the local bus, against the collection's Azurite, with their own
/// storage prefix (so tests do not see each other's data), a manual clock, and timers that never fire on their own
/// (a test runs a timer function itself with <see cref="RunTimerAsync"/>).
/// </summary>
public sealed class PipelineApp(AzuriteFixture azurite, DateTimeOffset start, IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<LocalRunnerProgram>
{
    public ManualClock Clock { get; } = new(start);

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A schedule that never comes while a test runs: midnight on 1 January (the clock is manual).</summary>
    private const string Never = "0 0 0 1 1 *";

    /// <summary>Runs a timer function now, as its schedule would, through the local runner's catalog.</summary>
    public async Task RunTimerAsync(string function, CancellationToken cancellationToken = default)
    {
        var timer = Services.GetRequiredService<FunctionCatalog>().Timers.Single(f => f.Name == function);
        using var scope = Services.CreateScope();
        await timer.InvokeAsync(scope.ServiceProvider, source => source.Kind == "timer" ? new Microsoft.Azure.Functions.Worker.TimerInfo() : cancellationToken);
    }

    /// <summary>Clients wait as long as a request takes (HttpClient's default gives up after 100 s, which a slow machine can reach).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("HealthStorage", azurite.ConnectionString);
        builder.UseSetting("HealthFunctions:StoragePrefix", Prefix);
        builder.UseSetting("RescoreSchedule", Never);
        builder.UseSetting("DirtyRescoreSchedule", Never);
        builder.UseSetting("DispatchSchedule", Never);
        builder.UseSetting("AlertsSchedule", Never);
        builder.UseSetting("JobsSchedule", Never);
        builder.UseSetting("CleanupSchedule", Never);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(s);
        });
    }
}
