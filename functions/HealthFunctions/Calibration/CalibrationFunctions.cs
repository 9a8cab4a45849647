using System.Globalization;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Outcomes;
using HealthFunctions.Scoring;
using HealthScoring.Calibration;
using Microsoft.Azure.Functions.Worker;

namespace HealthFunctions.Calibration;

/// <summary>
/// Outcomes in, backtests and calibrations out: <c>POST /api/outcomes</c>, <c>GET /api/backtest</c>,
/// <c>GET /api/backtest/report</c>, <c>POST /api/models/calibrate</c> and <c>POST /api/models/activate</c> (admin key).
/// </summary>
public sealed class CalibrationFunctions(OutcomeStore outcomes, BacktestService backtest, ModelStore models, TimeProvider clock)
{
    /// <summary>Longest lead time accepted (signal buckets are kept for 180 days).</summary>
    public const int MaxLeadDays = 365;

    /// <summary>Stores renewal outcomes (JSON or CSV), all or nothing.</summary>
    [Function("IngestOutcomes")]
    public async Task<IResult> IngestOutcomesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "outcomes")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var parsed = OutcomeParser.Parse(body, request.ContentType, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var stored = await outcomes.UpsertAsync(parsed, cancellationToken).ConfigureAwait(false);
        return Results.Json(new OutcomeIngestResult(stored), AppJson.Default.OutcomeIngestResult, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The active model's backtest at each lead time (anonymous at the Functions level: the dashboard's Model page reads it, behind App Service authentication).</summary>
    [Function("GetBacktest")]
    public async Task<IResult> GetBacktestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "backtest")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Json(await backtest.BacktestAsync(LeadDays(request.Query["leadDays"]), cancellationToken).ConfigureAwait(false), AppJson.Default.BacktestReport);

    /// <summary>The backtest as an HTML page with charts (<c>calibrate=true</c> adds an unsaved calibration).</summary>
    [Function("GetBacktestReport")]
    public async Task<IResult> GetBacktestReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "backtest/report")] HttpRequest request, CancellationToken cancellationToken)
    {
        var calibrate = request.Query["calibrate"] is { Count: > 0 } c && bool.TryParse(c, out var yes) && yes;
        var html = await backtest.ReportAsync(LeadDays(request.Query["leadDays"]), calibrate, cancellationToken).ConfigureAwait(false);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>Fits a proposed model to the outcomes and stores it (never activates it).</summary>
    [Function("CalibrateModel")]
    public async Task<IResult> CalibrateAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/calibrate")] HttpRequest request, CancellationToken cancellationToken)
    {
        var lead = LeadDays(request.Query["leadDays"] is { Count: > 0 } text ? text.ToString() : "60");
        if (lead.Count != 1)
        {
            throw new RequestValidationException("leadDays", "must be one lead time for a calibration.");
        }

        var result = await backtest.CalibrateAsync(lead[0], store: true, cancellationToken).ConfigureAwait(false);
        return Results.Json(result, AppJson.Default.CalibrationResult, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Makes a stored proposed model (or the baseline) active on every instance.</summary>
    [Function("ActivateModel")]
    public async Task<IResult> ActivateAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/activate")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        using var document = SignalParser.ParseJson(body, default);
        var errors = new List<FieldError>();
        var version = document.RootElement.ValueKind == JsonValueKind.Object
            ? SignalParser.ReadString(document.RootElement, "version", f => f, errors)
            : throw new RequestValidationException("$", "must be an object {\"version\":\"...\"}.");
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (string.IsNullOrWhiteSpace(version) || version.Length > 200 || version.Any(c => c is '/' or '\\' || char.IsControl(c)))
        {
            throw new RequestValidationException("version", "must be a model version of 1-200 characters without '/', '\\' or control characters.");
        }

        var model = await models.ActivateAsync(version, cancellationToken).ConfigureAwait(false);
        return Results.Json(new ActivationResult(model.Version), AppJson.Default.ActivationResult);
    }

    /// <summary>Lead times from "60" or "60,90" (default 60 and 90); each 1-365 days.</summary>
    public static IReadOnlyList<int> LeadDays(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Backtester.DefaultLeadDays;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxLeadDays)
            {
                throw new RequestValidationException("leadDays", $"must be whole days from 1 to {MaxLeadDays}, comma-separated (e.g. 60 or 60,90).");
            }

            result.Add(days);
        }

        return result.Count == 0 ? Backtester.DefaultLeadDays : result.Distinct().ToList();
    }
}
