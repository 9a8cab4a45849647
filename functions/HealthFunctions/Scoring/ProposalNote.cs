using System.Globalization;
using HealthScoring.Calibration;

namespace HealthFunctions.Scoring;

/// <summary>
/// What a calibration says of the proposal it stores, kept as the blob's metadata so listing the proposals reads no model:
/// the models' AUC and top-decile lift on the test outcomes and the metrics the proposal flips, from which its concerns
/// (<see cref="ProposalReview"/>) follow.
/// </summary>
/// <param name="BasedOn">The model calibrated from.</param>
/// <param name="Job">The calibration job.</param>
/// <param name="LeadDays">The lead time fitted.</param>
/// <param name="CurrentTestAuc">The base model's test AUC.</param>
/// <param name="TestAuc">The proposal's test AUC.</param>
/// <param name="CurrentTestLift">The base model's top-decile lift on the test outcomes.</param>
/// <param name="TestLift">The proposal's.</param>
/// <param name="FlippedMetrics">Metrics the proposal scores the other way round from the base model.</param>
public sealed record ProposalNote(string BasedOn, string Job, int LeadDays, double? CurrentTestAuc, double? TestAuc,
    double? CurrentTestLift = null, double? TestLift = null, IReadOnlyList<string>? FlippedMetrics = null)
{
    /// <summary>Metadata bytes kept for the flipped metrics' names (a blob's metadata holds 8 KiB in all).</summary>
    private const int MaxFlippedChars = 6000;

    /// <summary>The note of a calibration's proposal.</summary>
    public static ProposalNote Of(CalibrationResult calibration, string job)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return new ProposalNote(calibration.CurrentVersion, job, calibration.LeadDays, calibration.Current.Auc, calibration.Proposed.Auc,
            calibration.Current.TopDecileLift, calibration.Proposed.TopDecileLift, calibration.FlippedMetrics);
    }

    /// <summary>Blob metadata (names are C# identifiers; values ASCII; the base version and metric names are escaped, they may hold any character).</summary>
    public Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["basedOn"] = Uri.EscapeDataString(BasedOn),
            ["job"] = Job,
            ["leadDays"] = LeadDays.ToString(CultureInfo.InvariantCulture),
        };
        void Number(string key, double? value)
        {
            if (value is { } v)
            {
                metadata[key] = v.ToString("R", CultureInfo.InvariantCulture);
            }
        }

        Number("currentTestAuc", CurrentTestAuc);
        Number("testAuc", TestAuc);
        Number("currentTestLift", CurrentTestLift);
        Number("testLift", TestLift);
        if (FlippedMetrics is { Count: > 0 } flipped)
        {
            var text = string.Join(',', flipped.Select(Uri.EscapeDataString));
            // Past the room a blob's metadata has, the list is cut at a name (the concern still says a metric is flipped).
            metadata["flipped"] = text.Length <= MaxFlippedChars ? text : text[..text.LastIndexOf(',', MaxFlippedChars)];
        }

        return metadata;
    }

    /// <summary>A listed proposal from its blob's name, time and metadata (any of which may be missing).</summary>
    public static ProposedModelInfo Read(string version, DateTimeOffset? createdAt, IDictionary<string, string>? metadata)
    {
        string? Get(string key) => metadata is not null && metadata.TryGetValue(key, out var v) ? v : null;
        static double? Number(string? s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        var flipped = Get("flipped") is { Length: > 0 } f ? f.Split(',').Select(Uri.UnescapeDataString).ToList() : [];
        var preview = Get("previewAgainst") is { } against
            ? new PreviewFigures(Uri.UnescapeDataString(against), Number(Get("previewActiveAuc")), Number(Get("previewAuc")),
                Number(Get("previewActiveLift")), Number(Get("previewLift")))
            : null;
        return new ProposedModelInfo(version, createdAt, Get("basedOn") is { } b ? Uri.UnescapeDataString(b) : null, Get("job"),
            int.TryParse(Get("leadDays"), NumberStyles.None, CultureInfo.InvariantCulture, out var lead) ? lead : null,
            Number(Get("currentTestAuc")), Number(Get("testAuc")), Number(Get("currentTestLift")), Number(Get("testLift")), flipped, preview);
    }

    /// <summary>The metadata with a preview's backtest figures set (replacing an earlier preview's).</summary>
    public static IDictionary<string, string> WithPreview(IDictionary<string, string> metadata, PreviewFigures preview)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(preview);
        var updated = new Dictionary<string, string>(metadata, StringComparer.Ordinal) { ["previewAgainst"] = Uri.EscapeDataString(preview.Against) };
        foreach (var (key, value) in new[] { ("previewActiveAuc", preview.ActiveAuc), ("previewAuc", preview.Auc), ("previewActiveLift", preview.ActiveLift), ("previewLift", preview.Lift) })
        {
            updated.Remove(key);
            if (value is { } v)
            {
                updated[key] = v.ToString("R", CultureInfo.InvariantCulture);
            }
        }

        return updated;
    }
}
