using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Retention;

/// <summary>CleanUp (timer, %CleanupSchedule%, daily): removes table rows past their retention (<see cref="RetentionPolicy"/>).</summary>
public sealed class CleanupFunction(RetentionCleanup cleanup)
{
    /// <summary>The timer function's name.</summary>
    public const string Name = "CleanUp";

    /// <summary>One daily run, within its time budget; what is left carries on at the next run.</summary>
    [Function(Name)]
    public Task RunAsync([TimerTrigger("%CleanupSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        cleanup.RunAsync(RetentionCleanup.DefaultBudget, cancellationToken);
}
