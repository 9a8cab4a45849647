using System.Globalization;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Ingestion;
using HealthFunctions.Outcomes;
using HealthFunctions.Scoring;
using HealthScoring.Calibration;

namespace HealthFunctions.Calibration;

/// <summary>
/// Outcomes in, backtests and calibrations out: <c>POST /api/outcomes</c>, <c>GET /api/backtest</c>,
/// <c>GET /api/backtest/report</c>, <c>POST /api/models/calibrate</c> and <c>POST /api/models/activate</c>.
/// </summary>
public static class CalibrationEndpoints
{
    /// <summary>Longest lead time accepted (signal buckets are kept for 180 days).</summary>
    public const int MaxLeadDays = 365;

    /// <summary>Maps the endpoints.</summary>
    public static void MapCalibration(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/outcomes", async (HttpRequest request, OutcomeStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync(request, ct).ConfigureAwait(false);
            var parsed = OutcomeParser.Parse(body, request.ContentType, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            var stored = await store.UpsertAsync(parsed, ct).ConfigureAwait(false);
            return Results.Json(new OutcomeIngestResult(stored), AppJson.Default.OutcomeIngestResult, statusCode: StatusCodes.Status202Accepted);
        });

        app.MapGet("/api/backtest", async (string? leadDays, BacktestService backtest, CancellationToken ct) =>
            Results.Json(await backtest.BacktestAsync(LeadDays(leadDays), ct).ConfigureAwait(false), AppJson.Default.BacktestReport));

        app.MapGet("/api/backtest/report", async (string? leadDays, bool? calibrate, BacktestService backtest, CancellationToken ct) =>
            Results.Content(await backtest.ReportAsync(LeadDays(leadDays), calibrate ?? false, ct).ConfigureAwait(false), "text/html; charset=utf-8"));

        app.MapPost("/api/models/calibrate", async (string? leadDays, BacktestService backtest, CancellationToken ct) =>
        {
            var lead = LeadDays(leadDays ?? "60");
            if (lead.Count != 1)
            {
                throw new RequestValidationException("leadDays", "must be one lead time for a calibration.");
            }

            var result = await backtest.CalibrateAsync(lead[0], store: true, ct).ConfigureAwait(false);
            return Results.Json(result, AppJson.Default.CalibrationResult, statusCode: StatusCodes.Status201Created);
        });

        app.MapPost("/api/models/activate", async (HttpRequest request, ModelStore models, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync(request, ct).ConfigureAwait(false);
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

            var model = await models.ActivateAsync(version, ct).ConfigureAwait(false);
            return Results.Json(new ActivationResult(model.Version), AppJson.Default.ActivationResult);
        });
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
