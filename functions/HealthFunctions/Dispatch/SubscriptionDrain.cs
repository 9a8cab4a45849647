using Azure.Messaging.ServiceBus;
using HealthFunctions.Settings;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Dispatch;

/// <summary>
/// Drains a subscription (the playbooks one; the alerts one) in peek-lock mode until it is empty or the run's time budget
/// is spent: each message goes to its handler (<see cref="PlaybookDispatcher"/>, <see cref="Alerts.AlertDispatcher"/>),
/// then is completed, or dead-lettered with the reason
/// when it can never succeed. A transient failure abandons the message and ends the run after the current batch, so
/// the retry comes with the next run (the subscription's maxDeliveryCount bounds the attempts). This stands in for a
/// Service Bus trigger until its isolated-worker extension can be restored here (docs/architecture.md). Runs in one
/// process take turns, so an on-demand run that starts during a scheduled one ends only after it.
/// </summary>
public sealed partial class SubscriptionDrain(
    ServiceBusReceiver receiver,
    ISubscriptionHandler dispatcher,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionDrain> logger)
{
    /// <summary>Messages asked for per receive.</summary>
    public const int BatchSize = 16;

    /// <summary>How long a receive waits for a first message when the subscription looks empty.</summary>
    public static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Drains until empty, budget spent, or a transient failure.</summary>
    public async Task<DrainSummary> DrainAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DrainOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<DrainSummary> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var budget = TimeSpan.FromSeconds(options.Value.DispatchBudgetSeconds);
        var started = clock.GetTimestamp();
        int received = 0, completed = 0, deadLettered = 0, abandoned = 0;
        var budgetSpent = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (clock.GetElapsedTime(started) >= budget)
            {
                budgetSpent = true;
                break;
            }

            var batch = await receiver.ReceiveMessagesAsync(BatchSize, ReceiveWait, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            received += batch.Count;
            var failed = false;
            foreach (var message in batch)
            {
                DispatchOutcome outcome;
                try
                {
                    outcome = await dispatcher.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogDeliveryFailed(logger, e, message.MessageId, message.DeliveryCount);
                    await receiver.AbandonMessageAsync(message, null, cancellationToken).ConfigureAwait(false);
                    abandoned++;
                    failed = true;
                    continue;
                }

                if (outcome.IsDeadLetter)
                {
                    LogDeadLettered(logger, message.MessageId, outcome.DeadLetterReason!);
                    await receiver.DeadLetterMessageAsync(message, outcome.DeadLetterReason!, outcome.DeadLetterDescription, cancellationToken).ConfigureAwait(false);
                    deadLettered++;
                }
                else
                {
                    await receiver.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                    completed++;
                }
            }

            if (failed)
            {
                break;
            }
        }

        var summary = new DrainSummary(received, completed, deadLettered, abandoned, budgetSpent);
        if (received > 0)
        {
            LogSummary(logger, received, completed, deadLettered, abandoned, budgetSpent);
        }

        return summary;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} failed on delivery {DeliveryCount}; abandoned, it is delivered again at the next run")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string? messageId, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} dead-lettered: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string? messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "DispatchPlaybooks: {Received} received, {Completed} completed, {DeadLettered} dead-lettered, {Abandoned} abandoned, budget spent: {BudgetSpent}")]
    private static partial void LogSummary(ILogger logger, int received, int completed, int deadLettered, int abandoned, bool budgetSpent);
}
