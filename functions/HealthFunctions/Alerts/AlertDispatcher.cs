using System.Text.Json;
using Azure.Messaging.ServiceBus;
using HealthFunctions.Dispatch;
using HealthFunctions.Messaging;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using HealthFunctions.Tasks;
using HealthScoring;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Alerts;

/// <summary>
/// The work for one message of the alerts subscription: decides whether the score change alerts (<see cref="AlertRules"/>:
/// a tier drop, a sharp decline, a change that opens a playbook task; the account's tier, segment and ARR), writes the
/// alert (metric labels, the tasks it opens, the owner's mention) and posts it to Slack and/or Teams, each once
/// (<see cref="AlertLog"/>). A receiver that keeps failing throws, so the message stays in the subscription and is
/// delivered again (and, past the subscription's delivery count, dead-lettered: kept, never lost); one that refuses it
/// for good dead-letters it with the reason. A change of a kind this version does not know is completed without alert.
/// </summary>
public sealed class AlertDispatcher(
    AccountStore accounts,
    TaskStore tasks,
    ModelProvider models,
    AlertSender sender,
    AlertLog log,
    IOptions<AlertOptions> options,
    TimeProvider clock) : ISubscriptionHandler
{
    private readonly AlertRules _rules = AlertRules.From(options.Value);
    private readonly IReadOnlyList<AlertDestination> _destinations = AlertDestination.From(options.Value);

    /// <summary>Whether any destination is configured.</summary>
    public bool IsOn => _destinations.Count > 0;

    /// <inheritdoc />
    public async Task<DispatchOutcome> HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Read(message) is not { } change)
        {
            return DispatchOutcome.DeadLetter("NotAScoreChange", "Not a score-change CloudEvent this version understands.");
        }

        if (!IsOn || !TransitionKindNames.TryParse(change.Data.Kind, out _))
        {
            return DispatchOutcome.Completed; // no destination, or a kind this version does not know: nothing to say
        }

        var alert = await WriteAsync(change, cancellationToken).ConfigureAwait(false);
        if (alert is null)
        {
            return DispatchOutcome.Completed;
        }

        var refused = new List<string>();
        foreach (var destination in _destinations)
        {
            if (await log.WasSentAsync(change.Id, destination.Name, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await sender.SendAsync(destination, change.Id, destination.Body(alert), cancellationToken).ConfigureAwait(false);
            }
            catch (AlertRejectedException e)
            {
                refused.Add(e.Message);
                continue;
            }

            await log.RecordAsync(change.Id, destination.Name, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return refused.Count == 0 ? DispatchOutcome.Completed : DispatchOutcome.DeadLetter("AlertRefused", string.Join(" ", refused));
    }

    /// <summary>The alert for a change, or null when the rules say it does not alert.</summary>
    private async Task<Alert?> WriteAsync(ScoreChangedEvent change, CancellationToken cancellationToken)
    {
        var data = change.Data;
        var model = models.Current;
        var account = await accounts.GetAsync(data.AccountId, cancellationToken).ConfigureAwait(false);
        var profile = account?.Profile;
        // The playbooks' own rules (kind, tier, cause, a dwell's playbook), as DispatchPlaybooks applies them.
        var opened = await NewTasksAsync(change, model.Playbooks.Match(data.ToTransition()), cancellationToken).ConfigureAwait(false);
        var triggers = _rules.Match(data.Kind, opened.Count > 0, data.CurrentTier, profile?.Segment ?? data.Segment, profile?.Arr);
        if (triggers.Count == 0)
        {
            return null;
        }

        var o = options.Value;
        var owner = profile?.Owner;
        var moved = data.Drivers.Select(d => $"{model.Labels.Metric(d.Metric)}: {Readable.Points(d.ContributionDelta)} points").ToList();
        var url = AlertDestination.Usable(o.DashboardUrl) is { } dashboard ? new Uri(dashboard, "#/account/" + Uri.EscapeDataString(data.AccountId)) : null;
        return new Alert(change.Id, data.AccountId, profile?.Name ?? data.AccountId, triggers.Contains(AlertRules.TierDrop) ? AlertRules.TierDrop
                : triggers.Contains(AlertRules.SharpDecline) ? AlertRules.SharpDecline : data.Kind,
            triggers, data.AsOf, data.PreviousTier, data.CurrentTier, data.PreviousScore, data.CurrentScore, data.Delta, profile?.Segment ?? data.Segment,
            profile?.Arr, profile?.RenewalDate, owner, owner is not null && o.Owners.TryGetValue(owner, out var mention) ? mention : null,
            moved, opened, data.ModelVersion, url, data.Cause ?? "signals");
    }

    /// <summary>
    /// The tasks the change opens, as DispatchPlaybooks makes them: one per matching playbook, unless the account already
    /// has that playbook's task open from an earlier change (then it opens none). It need not have run yet: its task ids
    /// are known in advance (a hash of the event and the playbook).
    /// </summary>
    private async Task<IReadOnlyList<AlertTask>> NewTasksAsync(ScoreChangedEvent change, IReadOnlyList<PlaybookTask> templates, CancellationToken cancellationToken)
    {
        if (templates.Count == 0)
        {
            return [];
        }

        var open = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var t in tasks.ListAsync(change.Data.AccountId, TaskStatuses.Open, cancellationToken).ConfigureAwait(false))
        {
            open.TryAdd(t.Playbook, t.TaskId);
        }

        var opened = new List<AlertTask>();
        foreach (var playbook in templates.GroupBy(t => t.Playbook, StringComparer.Ordinal))
        {
            if (open.TryGetValue(playbook.Key, out var id) && id != PlaybookDispatcher.TaskId(change.Id, playbook.Key))
            {
                continue;
            }

            var first = playbook.First();
            opened.Add(new AlertTask(playbook.Key, first.Title, playbook.Min(t => t.DueOn(change.Data.AsOf))));
        }

        return opened;
    }

    private static ScoreChangedEvent? Read(ServiceBusReceivedMessage message)
    {
        try
        {
            var e = JsonSerializer.Deserialize(message.Body.ToMemory().Span, AppJson.Default.ScoreChangedEvent);
            return e is { Type: ScoreChangedEvent.EventType, Data: { } d } && !string.IsNullOrEmpty(e.Id) && Ingestion.SignalParser.AccountIdProblem(d.AccountId) is null
                ? e
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
