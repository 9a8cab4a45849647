using NCrontab;

namespace HealthFunctions.Local;

/// <summary>
/// Fires the timer functions on their schedules (6-field NCRONTAB, seconds first, UTC; a %Setting% schedule is read from
/// configuration as the Functions host reads it), each run in its own scope. A failed run is logged and the timer fires
/// again at its next occurrence, as under the host.
/// </summary>
public sealed partial class LocalTimers(
    FunctionCatalog catalog,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<LocalTimers> logger) : BackgroundService
{
    private static readonly TimeSpan MaxStep = TimeSpan.FromMinutes(1);
    private IReadOnlyList<(LocalFunction Function, CrontabSchedule Schedule)> _schedules = [];

    /// <summary>Each timer function with its parsed schedule; throws naming the function and setting when one is unusable.</summary>
    public IReadOnlyList<(LocalFunction Function, CrontabSchedule Schedule)> Schedules() =>
        catalog.Timers.Select(f => (f, Parse(f, configuration))).ToList();

    /// <summary>Parses a function's schedule, resolving a %Setting% from configuration.</summary>
    public static CrontabSchedule Parse(LocalFunction function, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(configuration);
        var declared = function.Timer!.Schedule;
        var expression = declared;
        var source = $"function {function.Name}'s schedule";
        if (declared.Length > 2 && declared[0] == '%' && declared[^1] == '%')
        {
            var setting = declared[1..^1];
            source = $"setting {setting} (the schedule of {function.Name})";
            expression = configuration[setting];
            if (string.IsNullOrWhiteSpace(expression))
            {
                throw new InvalidOperationException($"Setting {setting} is not set; {function.Name} needs it for its schedule, as the Functions host does.");
            }
        }

        try
        {
            return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        }
        catch (CrontabException e)
        {
            throw new InvalidOperationException(
                $"{source} = '{expression}' is not a 6-field NCRONTAB expression (seconds minutes hours day month weekday): {e.Message}", e);
        }
    }

    /// <summary>Parses every schedule first, so a missing or malformed one stops the start-up with its name.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _schedules = Schedules();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_schedules.Select(s => RunAsync(s.Function, s.Schedule, stoppingToken)));

    private async Task RunAsync(LocalFunction function, CrontabSchedule schedule, CancellationToken stoppingToken)
    {
        var first = function.Timer!.RunOnStartup;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!first)
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
            }

            first = false;
            try
            {
                using var scope = scopes.CreateScope();
                await function.InvokeAsync(scope.ServiceProvider, source => source.Kind switch
                {
                    "timer" => new Microsoft.Azure.Functions.Worker.TimerInfo(),
                    "cancellation" => stoppingToken,
                    _ => throw new InvalidOperationException($"{function.Name}: no '{source.Kind}' in a timer invocation."),
                }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, function.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed; it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
