using HealthFunctions.Hosting;

namespace HealthFunctions.Accounts;

/// <summary>An account's metrics as CSV: the id and what people call it side by side, the raw value, its 0-100 score and points.</summary>
public static class HealthCsv
{
    /// <summary>The header row's field names.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["accountId", "metric", "label", "unit", "component", "componentLabel", "raw", "score", "points", "effectiveWeight", "source", "critical"];

    /// <summary>One row per metric of the account's current health.</summary>
    public static string Write(AccountHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        string Label(IReadOnlyDictionary<string, HealthScoring.MetricLabel> labels, string id) => labels.TryGetValue(id, out var l) ? l.Label : id;
        return CsvText.Write(Header, health.Metrics.Select(m => new[]
        {
            health.AccountId, m.Name, Label(health.Labels.Metrics, m.Name), health.Labels.Metrics.GetValueOrDefault(m.Name)?.Unit,
            m.Component, Label(health.Labels.Components, m.Component), CsvText.Number(m.Raw), CsvText.Number(m.Normalized),
            CsvText.Number(m.Contribution), CsvText.Number(m.EffectiveWeight), m.Source.ToString(), m.Critical ? "true" : "false",
        }));
    }
}
