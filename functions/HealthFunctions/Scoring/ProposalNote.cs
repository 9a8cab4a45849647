using System.Globalization;

namespace HealthFunctions.Scoring;

/// <summary>What a calibration says of the proposal it stores, kept as the blob's metadata so listing the proposals reads no model.</summary>
/// <param name="BasedOn">The model calibrated from.</param>
/// <param name="Job">The calibration job.</param>
/// <param name="LeadDays">The lead time fitted.</param>
/// <param name="CurrentTestAuc">The base model's test AUC.</param>
/// <param name="TestAuc">The proposal's test AUC.</param>
public sealed record ProposalNote(string BasedOn, string Job, int LeadDays, double? CurrentTestAuc, double? TestAuc)
{
    /// <summary>Blob metadata (names are C# identifiers; values ASCII; the base version is escaped, it may hold any character).</summary>
    public Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["basedOn"] = Uri.EscapeDataString(BasedOn),
            ["job"] = Job,
            ["leadDays"] = LeadDays.ToString(CultureInfo.InvariantCulture),
        };
        if (CurrentTestAuc is { } c)
        {
            metadata["currentTestAuc"] = c.ToString("R", CultureInfo.InvariantCulture);
        }

        if (TestAuc is { } t)
        {
            metadata["testAuc"] = t.ToString("R", CultureInfo.InvariantCulture);
        }

        return metadata;
    }

    /// <summary>A listed proposal from its blob's name, time and metadata (any of which may be missing).</summary>
    public static ProposedModelInfo Read(string version, DateTimeOffset? createdAt, IDictionary<string, string>? metadata)
    {
        string? Get(string key) => metadata is not null && metadata.TryGetValue(key, out var v) ? v : null;
        static double? Number(string? s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        return new ProposedModelInfo(version, createdAt, Get("basedOn") is { } b ? Uri.UnescapeDataString(b) : null, Get("job"),
            int.TryParse(Get("leadDays"), NumberStyles.None, CultureInfo.InvariantCulture, out var lead) ? lead : null,
            Number(Get("currentTestAuc")), Number(Get("testAuc")));
    }
}
