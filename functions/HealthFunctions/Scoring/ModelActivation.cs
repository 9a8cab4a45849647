using HealthFunctions.Calibration;
using HealthFunctions.Errors;
using HealthFunctions.Tasks;

namespace HealthFunctions.Scoring;

/// <summary>
/// <c>POST /api/models/activate</c> with its guardrails: a proposal that is not recommended (it flips a metric against the
/// direction its base model declares, or backtests worse: <see cref="ProposedModelInfo.Concerns"/>) is activated only with
/// <c>force</c> and a reason (409 naming the concerns otherwise; the reason is recorded). Activating the model that was
/// active before the current one is a rollback: the open tasks that the rolled-back model's activation opened (cause
/// <c>model</c>, its version) are closed first, with a reason, so a retry after a failure closes the rest.
/// </summary>
public sealed partial class ModelActivation(ModelStore models, ModelProvider provider, TaskStore tasks, TimeProvider clock, ILogger<ModelActivation> logger)
{
    /// <summary>Who closes the rolled-back model's tasks, as their history shows it.</summary>
    public const string RollbackAuthor = "model rollback";

    /// <summary>Activates <paramref name="version"/>; see the class.</summary>
    public async Task<ActivationResult> ActivateAsync(string version, bool force, string? reason, CancellationToken cancellationToken)
    {
        await models.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var from = provider.Active.Model.Version;
        var concerns = version == provider.Baseline.Model.Version
            ? []
            : (await models.ProposalAsync(version, cancellationToken).ConfigureAwait(false))?.Concerns ?? [];
        if (concerns.Count > 0 && !force)
        {
            throw new ConflictException(
                $"Model {version} is not recommended: {string.Join(" ", concerns.Select(c => c.Message))} Activate it anyway with \"force\": true and a \"reason\".",
                concerns: concerns);
        }

        var before = await models.ActivationAsync(cancellationToken).ConfigureAwait(false);
        var rollback = version != from && before?.Previous == version;
        var closed = 0;
        if (rollback)
        {
            closed = await tasks.CloseOpenedByModelAsync(from,
                $"Closed: model {from} was rolled back to {version}; this task was opened by {from}'s activation.", RollbackAuthor, clock.GetUtcNow(),
                cancellationToken).ConfigureAwait(false);
        }

        var forced = concerns.Count > 0;
        var previous = version == from ? before?.Previous : from;
        var model = await models.ActivateAsync(version, cancellationToken, new ActivationNote(previous, forced, forced ? reason : null)).ConfigureAwait(false);
        if (forced)
        {
            LogForced(logger, model.Version, concerns.Count, reason ?? "");
        }

        return new ActivationResult(model.Version, previous, rollback, closed, forced, forced ? concerns : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Version} activated despite {Concerns} concerns; reason: {Reason}")]
    private static partial void LogForced(ILogger logger, string version, int concerns, string reason);
}
