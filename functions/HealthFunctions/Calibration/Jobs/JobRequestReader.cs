using System.Globalization;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthFunctions.Scoring;
using HealthScoring;

namespace HealthFunctions.Calibration.Jobs;

/// <summary>
/// Reads the request of <c>POST /api/backtest</c> and <c>POST /api/models/calibrate</c>: <c>leadDays</c>, <c>model</c> (a
/// stored version; default the active model) or a draft model document as the body, <c>from</c> and <c>to</c> (outcome dates).
/// Everything is checked before the job is queued: a 400 or 404 queues nothing.
/// </summary>
public sealed class JobRequestReader(ModelStore models)
{
    /// <summary>Longest lead time accepted.</summary>
    public const int MaxLeadDays = 365;

    /// <summary>The job request, and the draft's JSON when the body held one.</summary>
    public async Task<(JobRequest Request, string? Draft)> ReadAsync(HttpRequest request, JobKind kind, CancellationToken cancellationToken, bool allowBody = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var lead = LeadDays(query["leadDays"] is { Count: > 0 } l ? l.ToString() : null, kind == JobKind.Calibrate ? [60] : null);
        if (kind == JobKind.Calibrate && lead.Count != 1)
        {
            throw new RequestValidationException("leadDays", "must be one lead time for a calibration.");
        }

        DateOnly? from = Day(query["from"], "from"), to = Day(query["to"], "to");
        if (from > to)
        {
            throw new RequestValidationException("to", "must not be before from.");
        }

        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var version = query["model"] is { Count: > 0 } m ? m.ToString() : null;
        if (!allowBody && (!body.IsEmpty || version is not null))
        {
            throw new RequestValidationException(body.IsEmpty ? "model" : "$", "the model is the one in the URL: send no body and no model parameter.");
        }

        if (!body.IsEmpty)
        {
            if (version is not null)
            {
                throw new RequestValidationException("model", "give a stored model's version or a draft model as the body, not both.");
            }

            var json = System.Text.Encoding.UTF8.GetString(body.Span);
            try
            {
                var draft = HealthModelLoader.Load(json);
                return (new JobRequest(kind, lead, ModelSource.Draft, draft.Version, from, to), json);
            }
            catch (ModelValidationException e)
            {
                throw new RequestValidationException(e.Errors.Select(x => new FieldError(x.Path == "$" ? "model" : $"model.{x.Path}", x.Message)).ToList());
            }
        }

        if (version is null)
        {
            return (new JobRequest(kind, lead, ModelSource.Active, null, from, to), null);
        }

        if (!ModelStore.IsStorable(version) || await models.FindAsync(version, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException($"No model has version '{version}'; GET /api/models lists them.");
        }

        return (new JobRequest(kind, lead, ModelSource.Stored, version, from, to), null);
    }

    /// <summary>Lead times from "60" or "60,90" (default 60 and 90); each 1-365 days.</summary>
    public static IReadOnlyList<int> LeadDays(string? text, IReadOnlyList<int>? fallback = null)
    {
        fallback ??= HealthScoring.Calibration.Backtester.DefaultLeadDays;
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxLeadDays)
            {
                throw new RequestValidationException("leadDays", $"must be whole days from 1 to {MaxLeadDays}, comma-separated (e.g. 60 or 60,90).");
            }

            result.Add(days);
        }

        return result.Count == 0 ? fallback : result.Distinct().ToList();
    }

    private static DateOnly? Day(Microsoft.Extensions.Primitives.StringValues value, string field)
    {
        if (value.Count == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(value.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new RequestValidationException(field, "must be a date as yyyy-MM-dd.");
    }
}
