using HealthFunctions.Access;
using HealthFunctions.Errors;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Scoring;

/// <summary><c>GET /api/models</c> (the active model and the stored proposals) and <c>GET /api/models/{version}</c> (any stored model's JSON).</summary>
public sealed class ModelFunctions(ModelProvider provider, ModelStore models)
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
        var proposed = await models.ListProposedAsync(cancellationToken).ConfigureAwait(false);
        var answer = new ModelList(
            new ModelSummary(active, activatedAt is null ? "baseline" : "activated", activatedAt, Url(active)),
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

    /// <summary>Where a model's JSON is served.</summary>
    public static string Url(string version) => "/api/models/" + Uri.EscapeDataString(version);
}
