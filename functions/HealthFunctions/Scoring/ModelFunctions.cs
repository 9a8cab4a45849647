using HealthFunctions.Access;
using HealthFunctions.Calibration.Jobs;
using HealthFunctions.Errors;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Scoring;

/// <summary>
/// <c>GET /api/models</c> (the active model and the stored proposals, each with whether it is recommended and why not),
/// <c>GET /api/models/{version}</c> (any stored model's JSON), <c>GET /api/models/{version}/info</c> (a proposal as the
/// list shows it), <c>GET /api/models/{version}/changes</c> (what it changes, in plain words) and <c>POST
/// /api/models/{version}/preview</c> (a job: what activating it would do).
/// </summary>
public sealed class ModelFunctions(ModelProvider provider, ModelStore models, JobStore jobs, JobRequestReader reader, TimeProvider clock)
{
    /// <summary>The active model, the baseline and every stored proposal with their versions.</summary>
    [Function("ListModels")]
    [Access(RouteClass.Read)]
    public async Task<IResult> ListModelsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "models")] HttpRequest request, CancellationToken cancellationToken)
    {
        await models.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var active = provider.Active.Model.Version;
        var activatedAt = await models.ActivatedAtAsync(cancellationToken).ConfigureAwait(false);
        var note = activatedAt is null ? null : await models.ActivationAsync(cancellationToken).ConfigureAwait(false);
        var proposed = await models.ListProposedAsync(cancellationToken).ConfigureAwait(false);
        var answer = new ModelList(
            new ModelSummary(active, activatedAt is null ? "baseline" : "activated", activatedAt, Url(active), note?.Previous, note?.Forced == true ? note.Reason : null),
            new ModelSummary(provider.Baseline.Model.Version, "baseline", null, Url(provider.Baseline.Model.Version)),
            proposed);
        return Results.Json(answer, AppJson.Default.ModelList);
    }

    /// <summary>A model's JSON document: the active one, the baseline, or a stored proposal.</summary>
    [Function("GetModel")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetModelAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "models/{version}")] HttpRequest request, string version, CancellationToken cancellationToken)
    {
        await models.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var json = await models.FindAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No model has version '{version}'; GET /api/models lists them.");
        return Results.Content(json, "application/json; charset=utf-8");
    }

    /// <summary>
    /// <c>GET /api/models/{version}/changes</c>: what a stored model changes against the active one, metric by metric, in
    /// plain words (how much each now counts, and which way); the Model page shows it beside the backtest.
    /// </summary>
    [Function("GetModelChanges")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetModelChangesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "models/{version}/changes")] HttpRequest request, string version, CancellationToken cancellationToken)
    {
        await models.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var json = await models.FindAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No model has version '{version}'; GET /api/models lists them.");
        var active = provider.Active.Model;
        var changes = HealthScoring.ModelComparison.Compare(active, HealthScoring.HealthModelLoader.Load(json));
        return Results.Json(new ModelChanges(version, active.Version, changes), AppJson.Default.ModelChanges);
    }

    /// <summary>A stored proposal as <c>GET /api/models</c> lists it: what its calibration said, whether it is recommended, its concerns.</summary>
    [Function("GetModelInfo")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetModelInfoAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "models/{version}/info")] HttpRequest request, string version, CancellationToken cancellationToken)
    {
        var info = await models.ProposalAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No proposed model has version '{version}'; GET /api/models lists them.");
        return Results.Json(info, AppJson.Default.ProposedModelInfo);
    }

    /// <summary>
    /// Queues a preview job of activating a stored model (<c>?leadDays=</c>, <c>from</c>, <c>to</c> for its backtests, as
    /// <c>POST /api/backtest</c>): 202 with the job's URL; its result says which tiers would change, which tasks would
    /// open, both models' backtests and the concerns.
    /// </summary>
    [Function("PreviewModel")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "models/{version}/preview")] HttpRequest request, string version,
        CancellationToken cancellationToken)
    {
        if (!ModelStore.IsStorable(version) || await models.FindAsync(version, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException($"No model has version '{version}'; GET /api/models lists them.");
        }

        var (backtest, _) = await reader.ReadAsync(request, JobKind.Backtest, cancellationToken, allowBody: false).ConfigureAwait(false);
        var job = backtest with { Kind = JobKind.Preview, Model = ModelSource.Stored, ModelVersion = version };
        return JobAnswers.Accepted(await jobs.CreateAsync(job, null, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Where a model's JSON is served.</summary>
    public static string Url(string version) => "/api/models/" + Uri.EscapeDataString(version);
}
