using HealthScoring;

namespace HealthFunctions.Alerts;

/// <summary>
/// What one alert says, whatever the destination: the account, the change (tiers, scores, kind, day, cause), what moved (metric
/// labels and points), the tasks it opens, the owner (and whom to mention), and where the account's page is.
/// </summary>
public sealed record Alert(
    string EventId,
    string AccountId,
    string AccountName,
    string Kind,
    IReadOnlyList<string> Triggers,
    DateOnly Day,
    HealthTier? PreviousTier,
    HealthTier? Tier,
    double? PreviousScore,
    double? Score,
    double? Delta,
    string? Segment,
    double? Arr,
    DateOnly? RenewalDate,
    string? Owner,
    AlertOwner? Mention,
    IReadOnlyList<string> Moved,
    IReadOnlyList<AlertTask> NewTasks,
    string ModelVersion,
    Uri? AccountUrl,
    string Cause = "signals")
{
    /// <summary>The context line: kind, day, cause, account and model.</summary>
    public string Context => $"{Kind} on {Day:yyyy-MM-dd} (cause: {Cause}) · account {AccountId} · model {ModelVersion}";

    /// <summary>The headline: "Acme Corp dropped to Red", "Acme Corp: sharp decline", "Acme Corp: new task".</summary>
    public string Title => Kind switch
    {
        AlertRules.TierDrop => $"{AccountName} dropped to {Tier?.ToString() ?? "no tier"}",
        AlertRules.SharpDecline => $"{AccountName}: sharp decline{(Tier is { } t ? $" ({t})" : "")}",
        _ => $"{AccountName}: new task{(NewTasks.Count > 1 ? "s" : "")}",
    };

    /// <summary>ARR as "$240,000" (the app runs without culture data: written by hand), or "—".</summary>
    public static string Money(double? arr) =>
        arr is { } a ? (a < 0 ? "-$" : "$") + Math.Abs(Math.Round(a)).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>The change in one line: "Score 72.4 → 41 (-31.4) · Tier Green → Red".</summary>
    public string Change
    {
        get
        {
            var parts = new List<string>(2);
            if (Score is { } s)
            {
                parts.Add($"Score {(PreviousScore is { } p ? $"{Readable.Format(p)} → " : "")}{Readable.Format(s)}{(Delta is { } d ? $" ({Readable.Points(d)})" : "")}");
            }

            parts.Add(PreviousTier is { } from && Tier is { } to && from != to ? $"Tier {from} → {to}" : $"Tier {Tier?.ToString() ?? "none"}");
            return string.Join(" · ", parts);
        }
    }
}

/// <summary>A task the change opens: what, by when, of which playbook.</summary>
public sealed record AlertTask(string Playbook, string Title, DateOnly DueOn);
