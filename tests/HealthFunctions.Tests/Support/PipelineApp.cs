using HealthFunctions.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthFunctions.Tests.Support;

/// <summary>
/// The real app in local mode against the collection's Azurite, with its own storage prefix (so tests do not
/// see each other's data), a manual clock, and timers that never fire on their own.
/// </summary>
public sealed class PipelineApp(AzuriteFixture azurite, DateTimeOffset start, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public ManualClock Clock { get; } = new(start);

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("HealthStorage", azurite.ConnectionString);
        builder.UseSetting("HealthFunctions:Mode", "Local");
        builder.UseSetting("HealthFunctions:StoragePrefix", Prefix);
        builder.UseSetting("RescoreSchedule", "0 0 0 1 1 *");
        builder.UseSetting("DirtyRescoreSchedule", "0 0 0 1 1 *");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
