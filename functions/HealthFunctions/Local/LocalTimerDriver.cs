using HealthFunctions.Rescoring;
using HealthFunctions.Settings;
using NCrontab;

namespace HealthFunctions.Local;

/// <summary>
/// Local mode's timer triggers: runs RescoreAll and RescoreDirty on the same NCRONTAB schedules (6 fields,
/// seconds first) that function.json gives the Functions host, calling the same services.
/// </summary>
public sealed partial class LocalTimerDriver(
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<LocalTimerDriver> logger) : BackgroundService
{
    private static readonly TimeSpan MaxStep = TimeSpan.FromMinutes(1);

    /// <summary>Default daily schedule: 02:00 UTC.</summary>
    public const string DefaultRescoreSchedule = "0 0 2 * * *";

    /// <summary>Default schedule for accounts with new signals: every minute.</summary>
    public const string DefaultDirtySchedule = "0 */1 * * * *";

    /// <summary>Parses a 6-field NCRONTAB expression, naming the setting when it is wrong.</summary>
    public static CrontabSchedule ParseSchedule(string setting, string expression)
    {
        try
        {
            return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        }
        catch (CrontabException e)
        {
            throw new InvalidOperationException(
                $"Setting {setting} = '{expression}' is not a 6-field NCRONTAB expression (seconds minutes hours day month weekday): {e.Message}", e);
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var daily = ParseSchedule(SettingNames.RescoreSchedule, configuration[SettingNames.RescoreSchedule] ?? DefaultRescoreSchedule);
        var dirty = ParseSchedule(SettingNames.DirtyRescoreSchedule, configuration[SettingNames.DirtyRescoreSchedule] ?? DefaultDirtySchedule);
        return Task.WhenAll(
            RunAsync("RescoreAll", daily, (s, ct) => s.GetRequiredService<RescoreService>().RescoreAllAsync(null, ct), stoppingToken),
            RunAsync("RescoreDirty", dirty, (s, ct) => s.GetRequiredService<RescoreService>().RescoreDirtyAsync(ct), stoppingToken));
    }

    private async Task RunAsync(string name, CrontabSchedule schedule, Func<IServiceProvider, CancellationToken, Task<RescoreSummary>> work, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime);
            try
            {
                // Sleep in steps of at most a minute, so a far occurrence or a clock jump is handled.
                for (var now = clock.GetUtcNow().UtcDateTime; now < next; now = clock.GetUtcNow().UtcDateTime)
                {
                    var step = next - now;
                    await Task.Delay(step < MaxStep ? step : MaxStep, clock, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                using var scope = scopes.CreateScope();
                await work(scope.ServiceProvider, stoppingToken).ConfigureAwait(false); // the service logs its own summary
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The Functions host would log the failed invocation and fire again at the next occurrence; so do we.
                LogFailed(logger, e, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed; it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
