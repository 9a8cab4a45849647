using System.Text;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using HealthFunctions.Messaging;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;
using HealthScoring;

namespace HealthFunctions.Dispatch;

/// <summary>
/// The work for one score-change message: turns it into playbook tasks (one per matching playbook, with its steps),
/// idempotently: task ids derive from the event id and the playbook, so a redelivered message creates nothing new; and
/// while an account has a playbook's task open, a later change that matches the same playbook adds no second one. Which
/// changes start which playbook is the model's rules' choice (kind, tier, cause; dwell triggers); each task keeps the
/// change's cause and model version, so a rollback can close what a model's activation opened.
/// A message that can never be processed is answered with a dead-letter outcome and its reason; a storage or webhook
/// failure throws, so the message is delivered again. A <c>[ServiceBusTrigger]</c> function would call
/// <see cref="HandleAsync"/> unchanged (docs/architecture.md).
/// </summary>
public sealed class PlaybookDispatcher(
    TaskStore tasks,
    AccountStore accounts,
    ModelProvider models,
    TaskWebhookNotifier notifier,
    TimeProvider clock) : ISubscriptionHandler
{
    /// <summary>Handles one message.</summary>
    public async Task<DispatchOutcome> HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Read(message) is not { } change)
        {
            return DispatchOutcome.DeadLetter("NotAScoreChange", "Not a score-change CloudEvent this version understands.");
        }

        var data = change.Data;
        // The rules decide by kind, tier and cause: by default a model activation starts nothing, an override's rise no
        // expansion; a dwell starts only its own playbook.
        var templates = models.Current.Playbooks.Match(data.ToTransition());
        if (templates.Count == 0)
        {
            return DispatchOutcome.Completed;
        }

        var owner = (await accounts.GetAsync(data.AccountId, cancellationToken).ConfigureAwait(false))?.Profile.Owner;
        var now = clock.GetUtcNow();
        var open = await OpenPlaybooksAsync(data.AccountId, cancellationToken).ConfigureAwait(false);
        foreach (var playbook in templates.GroupBy(t => t.Playbook, StringComparer.Ordinal))
        {
            var taskId = TaskId(change.Id, playbook.Key);
            if (open.TryGetValue(playbook.Key, out var openTaskId) && openTaskId != taskId)
            {
                // The account already has this playbook open (say a tier drop yesterday, a sharp decline today): one
                // recovery effort at a time; the CSM works the open task, and a new one follows once it is closed.
                continue;
            }

            var steps = TaskStore.InDueOrder(playbook.Select(t => new TaskStep(t.Title, t.Description, t.DueOn(data.AsOf), t.OwnerRole)));
            var first = playbook.First(); // the playbook's lead task names the task; its steps are listed by due day
            var task = new PlaybookTaskRecord(taskId, data.AccountId, playbook.Key, first.Title, first.OwnerRole, owner,
                steps.Min(s => s.DueOn), "open", data.Kind, change.Id, now, Notified: false, steps)
            {
                Cause = data.Cause ?? "signals",
                ModelVersion = data.ModelVersion,
            };
            var (_, stored) = await tasks.CreateAsync(task, cancellationToken).ConfigureAwait(false);
            if (!stored.Notified && await notifier.NotifyAsync(stored, cancellationToken).ConfigureAwait(false))
            {
                await tasks.MarkNotifiedAsync(stored, cancellationToken).ConfigureAwait(false);
            }
        }

        return DispatchOutcome.Completed;
    }

    /// <summary>The account's open tasks by playbook (the oldest one's id where several are open).</summary>
    private async Task<Dictionary<string, string>> OpenPlaybooksAsync(string accountId, CancellationToken cancellationToken)
    {
        var open = new Dictionary<string, (string TaskId, DateTimeOffset CreatedAt)>(StringComparer.Ordinal);
        await foreach (var t in tasks.ListAsync(accountId, "open", cancellationToken).ConfigureAwait(false))
        {
            if (!open.TryGetValue(t.Playbook, out var seen) || t.CreatedAt < seen.CreatedAt)
            {
                open[t.Playbook] = (t.TaskId, t.CreatedAt);
            }
        }

        return open.ToDictionary(p => p.Key, p => p.Value.TaskId, StringComparer.Ordinal);
    }

    /// <summary>The task id: "t-" and 32 hex digits of SHA-256 over the event id and the playbook.</summary>
    public static string TaskId(string eventId, string playbook)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId}\n{playbook}"));
        return "t-" + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    private static ScoreChangedEvent? Read(ServiceBusReceivedMessage message)
    {
        try
        {
            var e = JsonSerializer.Deserialize(message.Body.ToMemory().Span, AppJson.Default.ScoreChangedEvent);
            return e is { Type: ScoreChangedEvent.EventType, Data: { } d } && Ingestion.SignalParser.AccountIdProblem(d.AccountId) is null
                && TransitionKindNames.TryParse(d.Kind, out _) && !string.IsNullOrEmpty(e.Id)
                ? e
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
