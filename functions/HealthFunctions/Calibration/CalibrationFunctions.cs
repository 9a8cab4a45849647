using System.Text.Json;
using HealthFunctions.Access;
using HealthFunctions.Audit;
using HealthFunctions.Calibration.Jobs;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Outcomes;
using HealthFunctions.Scoring;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Calibration;

/// <summary>
/// Outcomes in, backtests and calibrations out. <c>POST /api/outcomes</c> stores outcomes; <c>POST /api/backtest</c> and
/// <c>POST /api/models/calibrate</c> (admin key) queue a job and answer 202 with its URL (RunJobs runs it); <c>GET
/// /api/backtest</c> and <c>GET /api/backtest/report</c> read a finished job's result; <c>POST /api/models/activate</c>
/// (admin key) makes a stored model active.
/// </summary>
public sealed class CalibrationFunctions(OutcomeStore outcomes, UnknownAccounts unknownAccounts, JobRequestReader reader, JobStore jobs, ModelActivation activation,
    TimeProvider clock, AuditTrail audit)
{
    /// <summary>Stores renewal outcomes (JSON or CSV), all or nothing; the answer names the accounts it does not know.</summary>
    [Function("IngestOutcomes")]
    [Access(RouteClass.CsmWrite, AlsoAccepts = ["text/csv"])]
    public async Task<IResult> IngestOutcomesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "outcomes")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var parsed = OutcomeParser.Parse(body, request.ContentType, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var stored = await outcomes.UpsertAsync(parsed, cancellationToken).ConfigureAwait(false);
        var unknown = await unknownAccounts.FindAsync(parsed.Select(o => o.AccountId), cancellationToken).ConfigureAwait(false);
        return Results.Json(OutcomeIngestResult.Of(stored, unknown), AppJson.Default.OutcomeIngestResult, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Queues a backtest of the active model, a stored one (<c>?model=</c>) or a draft (the body), at each lead time.</summary>
    [Function("StartBacktest")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> StartBacktestAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "backtest")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (job, draft) = await reader.ReadAsync(request, JobKind.Backtest, cancellationToken).ConfigureAwait(false);
        return JobAnswers.Accepted(await jobs.CreateAsync(job, draft, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A finished backtest (<c>?job=</c>, or the newest that succeeded) as JSON (anonymous at the Functions level: the
    /// dashboard's Model page reads it, behind App Service authentication).
    /// </summary>
    [Function("GetBacktest")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetBacktestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "backtest")] HttpRequest request, CancellationToken cancellationToken)
    {
        var job = await FinishedJobAsync(request, JobKind.Backtest, cancellationToken).ConfigureAwait(false);
        if (job.Status != JobStatus.Succeeded)
        {
            return JobAnswers.NoResult(job, request.Path);
        }

        var json = await jobs.ReadResultAsync(job.Id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException($"Job {job.Id} has no stored result.");
        using var document = JsonDocument.Parse(json);
        return Results.Json(document.RootElement.GetProperty("backtest").Clone(), AppJson.Default.JsonElement);
    }

    /// <summary>
    /// A finished job's report as an HTML page with charts (<c>?job=</c>, or the newest job that succeeded); anonymous at the
    /// Functions level like <c>GET /api/backtest</c>, so the dashboard's Model page can link it (App Service authentication
    /// still signs users in).
    /// </summary>
    [Function("GetBacktestReport")]
    [Access(RouteClass.Read)]
    public async Task<IResult> GetBacktestReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "backtest/report")] HttpRequest request, CancellationToken cancellationToken)
    {
        var job = await FinishedJobAsync(request, null, cancellationToken).ConfigureAwait(false);
        if (job.Status != JobStatus.Succeeded)
        {
            return JobAnswers.NoResult(job, request.Path);
        }

        var html = await jobs.ReadReportAsync(job.Id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException($"Job {job.Id} has no stored report.");
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>Queues a calibration of the active model (or <c>?model=</c>, or a draft body); the job stores the proposal, never activates it.</summary>
    [Function("CalibrateModel")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> CalibrateAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/calibrate")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (job, draft) = await reader.ReadAsync(request, JobKind.Calibrate, cancellationToken).ConfigureAwait(false);
        return JobAnswers.Accepted(await jobs.CreateAsync(job, draft, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Makes a stored proposed model (or the baseline) active on every instance: <c>{"version", "force"?, "reason"?}</c>. A
    /// proposal that is not recommended needs <c>force</c> and a reason (409 with its concerns otherwise); activating the
    /// model that was active before closes the tasks the rolled-back model's activation opened.
    /// </summary>
    [Function("ActivateModel")]
    [Access(RouteClass.Admin)]
    public async Task<IResult> ActivateAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/activate")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        using var json = JsonFields.Read(body, ["version", "force", "reason"]);
        var version = json.Text("version", 200, required: true);
        var force = json.Bool("force") ?? false;
        var reason = json.Text("reason", 500);
        if (version is not null && !ModelStore.IsStorable(version))
        {
            json.Errors.Add(new FieldError("version", "must be a model version of 1-200 characters without '/', '\\' or control characters."));
        }

        if (force && reason is null)
        {
            json.Errors.Add(new FieldError("reason", "is required with force: say why this model should be active despite its concerns."));
        }

        json.ThrowIfInvalid();
        var result = await activation.ActivateAsync(version!, force, reason, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(AuditTrail.ScopeSubject(AuditActions.ModelsScope), Caller.Of(request), AuditActions.ModelActivate, result.Active,
            AuditTrail.State(result.Previous, AppJson.Default.String), ActivationState(result, reason), cancellationToken).ConfigureAwait(false);
        return Results.Json(result, AppJson.Default.ActivationResult);
    }

    /// <summary>What the audit trail keeps of an activation: the answer, and the reason given with <c>force</c>.</summary>
    private static JsonElement ActivationState(ActivationResult result, string? reason)
    {
        var state = JsonSerializer.SerializeToNode(result, AppJson.Default.ActivationResult)!.AsObject();
        if (reason is not null)
        {
            state["reason"] = reason;
        }

        using var document = JsonDocument.Parse(state.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>The job named by <c>?job=</c> (of <paramref name="kind"/>, when given), or the newest that succeeded; 404 when there is none.</summary>
    private async Task<JobRecord> FinishedJobAsync(HttpRequest request, JobKind? kind, CancellationToken cancellationToken)
    {
        if (request.Query["job"] is { Count: > 0 } id)
        {
            var job = await jobs.GetAsync(id.ToString(), cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException($"No job has id '{id}'.");
            return kind is null || job.Request.Kind == kind ? job : throw new RequestValidationException("job", $"job {job.Id} is a {job.Request.Kind.ToString().ToLowerInvariant()}, not a {kind.ToString()!.ToLowerInvariant()}.");
        }

        return await jobs.LatestSucceededAsync(kind, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(kind == JobKind.Backtest
                ? "No backtest has finished yet: POST /api/backtest starts one."
                : "No backtest or calibration has finished yet: POST /api/backtest or POST /api/models/calibrate starts one.");
    }
}
